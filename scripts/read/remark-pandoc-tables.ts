import type {} from 'mdast-util-to-hast'
import type { Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast'
import { type CompileContext, type Extension as FromMarkdownExtension, fromMarkdown, type Token } from 'mdast-util-from-markdown'
import type { Processor } from 'unified'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { visit } from 'unist-util-visit'
import { pandocTableSyntax } from './micromark-pandoc-tables.ts'
import { dashGroups, readPandocTable, type TableCellText, type TableLayout } from './pandoc-tables.ts'

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
 * processor's own syntax extensions. Tables that open with a dash line come
 * from the micromark construct; a simple table that opens with its header
 * line reaches the mdast as a one-line paragraph, a thematic break (its dash
 * rule) and a paragraph of rows, and is read back from those lines here.
 */
export default function remarkPandocTables(this: Processor) {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(pandocTableSyntax())
  ;(data.fromMarkdownExtensions ??= []).push(pandocTablesFromMarkdown(this))
  return (tree: Root, file: VFile) => {
    const lines = String(file.value ?? '').split(/\r?\n|\r/)
    const walk = (parent: Parent) => {
      for (let index = 0; index < parent.children.length; index += 1) {
        const child = parent.children[index]!
        if (child.type === 'paragraph') headerFirstTable(parent, index, lines, this)
        if ('children' in parent.children[index]! && parent.children[index]!.type !== 'simpleTable') walk(parent.children[index] as Parent)
      }
    }
    walk(tree)
  }
}

/** A paragraph of one line, a dash rule and (optionally) a paragraph of rows and a closing rule: a simple table read from their source lines. */
function headerFirstTable(parent: Parent, index: number, source: readonly string[], processor: Processor): void {
  const [head, rule, rows, closing] = parent.children.slice(index, index + 4) as RootContent[]
  const start = head?.position?.start
  if (!start || head?.position?.end.line !== start.line || rule?.type !== 'thematicBreak' || rule.position?.start.line !== start.line + 1) return
  // Columns count from the margin (or from a container's `> `), not from the header's own indent.
  const indent = /^\s*$/.test((source[start.line - 1] ?? '').slice(0, start.column - 1)) ? 0 : start.column - 1
  const line = (number: number) => (source[number - 1] ?? '').slice(indent)
  if (!dashGroups(line(start.line + 1))) return
  let last = start.line + 1
  let taken = 2
  // Rows indented four spaces or more read as indented code.
  if ((rows?.type === 'paragraph' || (rows?.type === 'code' && !rows.lang)) && rows.position?.start.line === last + 1) {
    last = rows.position.end.line
    taken = 3
    if (closing?.type === 'thematicBreak' && closing.position?.start.line === last + 1) {
      last += 1
      taken = 4
    }
  }
  const lines = Array.from({ length: last - start.line + 1 }, (_, offset) => line(start.line + offset))
  const layout = readPandocTable(lines)
  if (!layout) return
  const end = parent.children[index + taken - 1]!.position!.end
  parent.children.splice(index, taken, tableNode(layout, { line: start.line, column: indent + 1 }, { start, end }, processor) as never)
}

function pandocTablesFromMarkdown(processor: Processor): FromMarkdownExtension {
  return {
    exit: {
      pandocTable(this: CompileContext, token: Token) {
        if (!token.pandocTable) return
        // The token starts after the first line's indent, which the layout's columns count.
        const origin = { line: token.start.line, column: 1 }
        const parent = this.stack.at(-1) as Parent
        parent.children.push(tableNode(token.pandocTable, origin, { start: token.start, end: token.end }, processor) as never)
      },
    },
  }
}

/** The mdast of a table read from lines that begin at `origin`. */
function tableNode(layout: TableLayout, origin: { line: number; column: number }, position: Position, processor: Processor): SimpleTable {
  const cell = (text: TableCellText): SimpleTableCell => {
    const node: SimpleTableCell = { type: 'simpleTableCell', children: inline(text.text, processor) }
    const line = origin.line + text.line
    const column = origin.column + text.column
    node.position = { start: { line, column }, end: { line, column: column + (text.text.split('\n')[0]?.length ?? 0) } }
    return node
  }
  const row = (cells: readonly TableCellText[]): SimpleTableRow => ({ type: 'simpleTableRow', children: cells.map(cell) })
  return {
    type: 'simpleTable',
    align: [...layout.align],
    header: layout.head !== undefined,
    children: [...(layout.head ? [row(layout.head)] : []), ...layout.rows.map(row)],
    position,
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
