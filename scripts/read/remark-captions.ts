import type { Properties } from 'hast'
import type {} from 'mdast-util-to-hast'
import type { Code, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast'
import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { attributesToProperties } from './attributes-to-properties.ts'
import { parsePandocAttributes } from './pandoc-attributes.ts'
import type { FigureCaption } from './remark-implicit-figures.ts'
import { type TextSlicer, textSlicer } from './text-slicer.ts'

/** A table's caption. */
export interface TableCaption extends Parent {
  type: 'tableCaption'
  children: PhrasingContent[]
}

/** A table with its caption: one `table` element with a `caption` in hast (see `pandocHandlers`). */
export interface CaptionedTable extends Parent {
  type: 'captionedTable'
  children: [TableCaption, RootContent]
}

/** A code block with its caption (`: Code caption {#lst:code}`). */
export interface Listing extends Parent {
  type: 'listing'
  children: (Code | FigureCaption)[]
}

declare module 'mdast' {
  interface BlockContentMap {
    captionedTable: CaptionedTable
    listing: Listing
  }
  interface RootContentMap {
    captionedTable: CaptionedTable
    tableCaption: TableCaption
    listing: Listing
  }
}

// Pandoc: `Table: caption` or `: caption`, right before or after the table (https://pandoc.org/MANUAL.html#extension-table_captions).
const captionStart = /^(?:Table)?:[ \t]/
const tables = new Set(['table', 'gridTable', 'simpleTable'])

/**
 * Captions as pandoc reads them: a paragraph `Table: …` (or `: …`) right
 * after or before a table becomes its caption; `: …` right after a code
 * block makes a listing with a caption (pandoc-crossref's
 * `codeBlockCaptions`). The table and its caption make a `captionedTable`.
 * A trailing `{#tbl:id}` (or pandoc-crossref's empty
 * span `[]{#tbl:id}`) labels the table for cross-references.
 */
const remarkCaptions: Plugin<[], Root> = () => (tree, file) => {
  const slicer = textSlicer(file)
  // A table takes one caption: the one after it, or else the one before it.
  const captioned = new WeakSet<RootContent>()
  const free = (node: RootContent | undefined): node is RootContent => node !== undefined && tables.has(node.type) && !captioned.has(node)
  const walk = (parent: Parent) => {
    const children = parent.children as RootContent[]
    for (let index = 0; index < children.length; index += 1) {
      undoCaptionList(children, index)
      const child = children[index]!
      if (child.type === 'paragraph' && isCaption(child, slicer)) {
        const before = children[index - 1]
        const after = children[index + 1]
        const caption = tableCaption(child, file, slicer)
        const table = free(before) ? before : free(after) ? after : undefined
        if (table) {
          const node: CaptionedTable = { type: 'captionedTable', children: [caption, table] }
          const start = (table === before ? table : child).position?.start
          const end = (table === before ? child : table).position?.end
          if (start && end) node.position = { start, end }
          captioned.add(table)
          const at = table === before ? index - 1 : index
          children.splice(at, 2, node)
          index = at
        } else if (before?.type === 'code') {
          children.splice(index - 1, 2, listing(before, caption))
          index -= 1
        }
        continue
      }
      if ('children' in child) walk(child)
    }
  }
  walk(tree)
}

export default remarkCaptions

/**
 * `Table: one caption` followed by `: another` reads as a definition list
 * (micromark-extension-definition-list) where pandoc reads two captions:
 * give such a list back as its two paragraphs, the second with its `: `.
 */
function undoCaptionList(children: RootContent[], index: number): void {
  const list = children[index]
  if (list?.type !== 'defList' || list.children.length !== 2) return
  const [term, description] = list.children as [Parent, Parent]
  const paragraph = description.children[0]
  if (term.type !== 'defListTerm' || description.children.length !== 1 || paragraph?.type !== 'paragraph') return
  const first = term.children[0]
  if (first?.type !== 'text' || !captionStart.test(first.value)) return
  const second = paragraph.children[0]
  if (second?.type === 'text') second.value = `: ${second.value}`
  else paragraph.children.unshift({ type: 'text', value: ': ' })
  const termParagraph: Paragraph = { type: 'paragraph', children: term.children as PhrasingContent[] }
  if (term.position) termParagraph.position = term.position
  children.splice(index, 1, termParagraph, paragraph)
}

function isCaption(paragraph: Paragraph, slicer: TextSlicer): boolean {
  const first = paragraph.children[0]
  return first?.type === 'text' && captionStart.test(first.value) && !slicer.escaped(first, first.value.indexOf(':'))
}

/** The paragraph's content without `Table:` and a trailing label, with the label's attributes on the node. */
function tableCaption(paragraph: Paragraph, file: VFile, slicer: TextSlicer): TableCaption {
  const [first, ...rest] = paragraph.children as [Text, ...PhrasingContent[]]
  const start = first.value.indexOf(':') + 1
  const children = [slicer.slice(first, start + (/^[ \t]*/.exec(first.value.slice(start))?.[0].length ?? 0)), ...rest]
  const properties = trailingAttributes(children, file, slicer)
  const caption: TableCaption = { type: 'tableCaption', children: children.filter((child) => child.type !== 'text' || child.value !== ''), data: { hName: 'caption', hProperties: properties } }
  if (paragraph.position) caption.position = paragraph.position
  return caption
}

/**
 * Take `{#tbl:id}` or `[]{#tbl:id}` (an empty span) off the end of a
 * caption: its id labels the table (`data-label` on the caption, for the handler).
 */
function trailingAttributes(children: PhrasingContent[], file: VFile, slicer: TextSlicer): Properties {
  const last = children.at(-1)
  if (last?.type === 'bracketedSpan' && last.children.length === 0) {
    children.pop()
    trimEnd(children)
    const id = last.data?.hProperties?.['id']
    return typeof id === 'string' ? { dataLabel: id } : {}
  }
  if (last?.type !== 'text') return {}
  const match = /\{([^{}]*)\}\s*$/.exec(last.value)
  const attributes = match && !slicer.escaped(last, match.index) ? parsePandocAttributes(match[1]!) : undefined
  if (!match || !attributes) return {}
  const properties = attributesToProperties(attributes, file, slicer.place(last, match.index, last.value.length))
  last.value = last.value.slice(0, match.index)
  trimEnd(children)
  return typeof properties['id'] === 'string' ? { dataLabel: properties['id'] } : {}
}

function trimEnd(children: PhrasingContent[]): void {
  const last = children.at(-1)
  if (last?.type === 'text') {
    last.value = last.value.trimEnd()
    if (last.value === '') children.pop()
  }
}

function listing(code: Code, caption: TableCaption): Listing {
  const label = caption.data?.hProperties?.['dataLabel']
  const figureCaption: FigureCaption = { type: 'figureCaption', children: caption.children, data: { hName: 'figcaption' } }
  if (caption.position) figureCaption.position = caption.position
  const node: Listing = { type: 'listing', children: [code, figureCaption], data: { hName: 'figure', hProperties: { ...(typeof label === 'string' ? { id: label } : {}), className: ['listing'] } } }
  const start = code.position?.start
  const end = caption.position?.end
  if (start && end) node.position = { start, end }
  return node
}
