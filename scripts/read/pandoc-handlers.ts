import type { Element } from 'hast'
import type { Handler, Handlers, State } from 'mdast-util-to-hast'
import type { CaptionedTable } from './remark-captions.ts'

/**
 * mdast → hast for pandoc's block constructs that cannot say their HTML
 * through `data.hName` alone: a table with its caption is one `table`
 * whose first child is the `caption` (and whose id is the caption's label),
 * made here because the HTML parser behind raw HTML drops a `caption` found
 * outside a table.
 */
export const pandocHandlers: Handlers = {
  captionedTable: captionedTable as Handler,
}

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
