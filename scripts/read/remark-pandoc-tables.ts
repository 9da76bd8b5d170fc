import type {} from 'mdast-util-to-hast'
import type { Paragraph, Parent, PhrasingContent } from 'mdast'
import { type CompileContext, type Extension as FromMarkdownExtension, fromMarkdown, type Token } from 'mdast-util-from-markdown'
import type { Processor } from 'unified'
import { visit } from 'unist-util-visit'
import { pandocTableSyntax } from './micromark-pandoc-tables.ts'
import type { TableCellText } from './pandoc-tables.ts'

/** A pandoc simple or multiline table (its hast is made by `pandocHandlers`). */
export interface SimpleTable extends Parent {
  type: 'simpleTable'
  align: ('left' | 'right' | 'center' | null)[]
  /** Whether the first row is a header. */
  header: boolean
  children: SimpleTableRow[]
}

export interface SimpleTableRow extends Parent {
  type: 'simpleTableRow'
  children: SimpleTableCell[]
}

export interface SimpleTableCell extends Parent {
  type: 'simpleTableCell'
  children: PhrasingContent[]
}

declare module 'mdast' {
  interface BlockContentMap {
    simpleTable: SimpleTable
  }
  interface RootContentMap {
    simpleTable: SimpleTable
    simpleTableRow: SimpleTableRow
    simpleTableCell: SimpleTableCell
  }
}

/**
 * Pandoc's simple and multiline tables (see `readPandocTable`): `simpleTable`
 * nodes whose cells hold the inline Markdown of their text, read with the
 * processor's own syntax extensions.
 */
export default function remarkPandocTables(this: Processor): void {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(pandocTableSyntax())
  ;(data.fromMarkdownExtensions ??= []).push(pandocTablesFromMarkdown(this))
}

function pandocTablesFromMarkdown(processor: Processor): FromMarkdownExtension {
  return {
    exit: {
      pandocTable(this: CompileContext, token: Token) {
        const layout = token.pandocTable
        if (!layout) return
        const origin = token.start
        const cell = (text: TableCellText): SimpleTableCell => {
          const node: SimpleTableCell = { type: 'simpleTableCell', children: inline(text.text, processor) }
          const line = origin.line + text.line
          // The token starts after the first line's indent, which the layout's columns count.
          const column = 1 + text.column
          node.position = { start: { line, column }, end: { line, column: column + (text.text.split('\n')[0]?.length ?? 0) } }
          return node
        }
        const row = (cells: readonly TableCellText[]): SimpleTableRow => ({ type: 'simpleTableRow', children: cells.map(cell) })
        const table: SimpleTable = {
          type: 'simpleTable',
          align: [...layout.align],
          header: layout.head !== undefined,
          children: [...(layout.head ? [row(layout.head)] : []), ...layout.rows.map(row)],
          position: { start: token.start, end: token.end },
        }
        const parent = this.stack.at(-1) as Parent
        parent.children.push(table as never)
      },
    },
  }
}

/** A cell's text as phrasing content, without places (they would be the cell's, not the chapter's). */
function inline(text: string, processor: Processor): PhrasingContent[] {
  if (text.trim() === '') return []
  const data = processor.data()
  const tree = fromMarkdown(text, { extensions: data.micromarkExtensions ?? [], mdastExtensions: data.fromMarkdownExtensions ?? [] })
  const paragraph = tree.children.find((child): child is Paragraph => child.type === 'paragraph')
  if (!paragraph) return [{ type: 'text', value: text }]
  visit(paragraph, (node) => {
    delete node.position
  })
  return paragraph.children
}
