import type { Element } from 'hast'
import { mdast2hastGridTablesHandler } from '@adobe/mdast-util-gridtables'
import type { Handler, Handlers, State } from 'mdast-util-to-hast'
import { defListHastHandlers } from 'remark-definition-list'
import type { CaptionedTable } from './remark-captions.ts'

/**
 * mdast → hast for pandoc's block constructs that cannot say their HTML
 * through `data.hName` alone: definition lists and grid tables (their
 * packages' handlers); a table with its caption is one `table`
 * whose first child is the `caption` (and whose id is the caption's label),
 * made here because the HTML parser behind raw HTML drops a `caption` found
 * outside a table.
 */
export const pandocHandlers = {
  ...(defListHastHandlers as Handlers),
  gridTable: mdast2hastGridTablesHandler(),
  captionedTable: captionedTable as Handler,
} as Handlers

function captionedTable(state: State, node: CaptionedTable): Element | undefined {
  const [caption, table] = node.children
  const result = state.one(table, node)
  if (!result || Array.isArray(result) || result.type !== 'element') return undefined
  const { dataLabel, ...properties } = caption.data?.hProperties ?? {}
  const element: Element = { type: 'element', tagName: 'caption', properties, children: state.all(caption) }
  state.patch(caption, element)
  result.children.unshift(element)
  if (typeof dataLabel === 'string' && result.properties['id'] === undefined) result.properties['id'] = dataLabel
  state.patch(node, result)
  return result
}
