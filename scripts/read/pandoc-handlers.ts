import type { Element } from 'hast'
import { mdast2hastGridTablesHandler } from '@adobe/mdast-util-gridtables'
import type { Handler, Handlers, State } from 'mdast-util-to-hast'
import { defListHastHandlers } from 'remark-definition-list'
import type { CaptionedTable } from './remark-captions.ts'
import type { SimpleTable } from './remark-pandoc-tables.ts'

/**
 * mdast → hast for pandoc's block constructs that cannot say their HTML
 * through `data.hName` alone: definition lists and grid tables (their
 * packages' handlers), simple and multiline tables; a table with its caption is one `table`
 * whose first child is the `caption` (and whose id is the caption's label),
 * made here because the HTML parser behind raw HTML drops a `caption` found
 * outside a table.
 */
export const pandocHandlers = {
  ...(defListHastHandlers as Handlers),
  gridTable: mdast2hastGridTablesHandler(),
  captionedTable: captionedTable as Handler,
  simpleTable: simpleTable as Handler,
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

/** A simple or multiline table: `thead` when it has a header, cells aligned as GFM's are (`align`, which the EPUB turns into a class). */
function simpleTable(state: State, node: SimpleTable): Element {
  const rows = node.children.map((row, rowIndex) => {
    const header = node.header && rowIndex === 0
    const cells = row.children.map((cell, column): Element => {
      const align = node.align[column]
      const element: Element = { type: 'element', tagName: header ? 'th' : 'td', properties: align ? { align } : {}, children: state.all(cell) }
      state.patch(cell, element)
      return element
    })
    const tr: Element = { type: 'element', tagName: 'tr', properties: {}, children: state.wrap(cells, true) }
    state.patch(row, tr)
    return tr
  })
  const head = node.header ? rows.slice(0, 1) : []
  const body = node.header ? rows.slice(1) : rows
  const children: Element[] = [
    ...(head.length > 0 ? [{ type: 'element', tagName: 'thead', properties: {}, children: state.wrap(head, true) } as Element] : []),
    ...(body.length > 0 ? [{ type: 'element', tagName: 'tbody', properties: {}, children: state.wrap(body, true) } as Element] : []),
  ]
  const result: Element = { type: 'element', tagName: 'table', properties: {}, children: state.wrap(children, true) }
  state.patch(node, result)
  return result
}
