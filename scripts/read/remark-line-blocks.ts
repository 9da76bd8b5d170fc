import type {} from 'mdast-util-to-hast'
import type { Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast'
import type { Plugin } from 'unified'
import type { FencedDiv } from './remark-fenced-divs.ts'
import { type TextSlicer, textSlicer } from './text-slicer.ts'

/** Verse: a pandoc line block (`| line`), or a `verse`/`poem` div; stanzas of lines. */
export interface LineBlock extends Parent {
  type: 'lineBlock'
  children: Stanza[]
}

/** Lines between blank lines; each line a `verseLine`, separated by breaks. */
export interface Stanza extends Parent {
  type: 'stanza'
  children: PhrasingContent[]
}

/** One line of verse (its turnover indent is the stylesheets'). */
export interface VerseLine extends Parent {
  type: 'verseLine'
  children: PhrasingContent[]
}

declare module 'mdast' {
  interface BlockContentMap {
    lineBlock: LineBlock
    stanza: Stanza
  }
  interface PhrasingContentMap {
    verseLine: VerseLine
  }
  interface RootContentMap {
    lineBlock: LineBlock
    stanza: Stanza
    verseLine: VerseLine
  }
}

/** A poem this short never splits across pages (print.css keeps `.verse-short` whole). */
export const shortPoemLines = 8

const verseClasses = new Set(['verse', 'poem'])

/**
 * Pandoc's line blocks (https://pandoc.org/MANUAL.html#extension-line_blocks):
 * a paragraph whose lines all begin with `|` keeps its line breaks and its
 * leading spaces (as no-break spaces); a line that begins with a space
 * continues the one before; an empty `|` line separates stanzas. Paragraphs
 * in a `::: verse` or `::: poem` div keep their line breaks the same way.
 * Either becomes `div.line-block` (`.verse-short` when it has at most eight
 * lines) › `p.stanza` › `span.line`s, with a `<br>` between lines for
 * readers without styles.
 */
const remarkLineBlocks: Plugin<[], Root> = () => (tree, file) => {
  const slicer = textSlicer(file)
  const walk = (parent: Parent, inVerse: boolean) => {
    parent.children = parent.children.map((child) => {
      if (child.type === 'paragraph') {
        const lines = lineBlockLines(child, slicer)
        if (lines) return lineBlock(child, splitStanzas(lines), inVerse)
        return inVerse ? stanza(splitLines(child.children), child) : child
      }
      if (!('children' in child) || child.type === 'lineBlock') return child
      const verse = isVerseDiv(child)
      walk(child, inVerse || verse)
      if (verse && countLines(child) <= shortPoemLines) addClass(child, 'verse-short')
      return child
    }) as typeof parent.children
  }
  walk(tree, false)
}

export default remarkLineBlocks

/** The lines of verse under `node`. */
function countLines(node: Parent): number {
  let count = 0
  for (const child of node.children) {
    if (child.type === 'verseLine') count += 1
    else if ('children' in child) count += countLines(child)
  }
  return count
}

function addClass(node: Parent, name: string): void {
  const data = (node.data ??= {})
  const properties = (data.hProperties ??= {})
  const current = properties['className']
  properties['className'] = [...(Array.isArray(current) ? current : []), name]
}

function isVerseDiv(node: RootContent): boolean {
  const className = node.type === 'fencedDiv' ? (node.data as FencedDiv['data'])?.hProperties?.['className'] : undefined
  return Array.isArray(className) && className.some((name) => verseClasses.has(String(name)))
}

/** The paragraph's lines without their `| `, when it is a line block; continuation lines joined to their line. */
function lineBlockLines(paragraph: Paragraph, slicer: TextSlicer): PhrasingContent[][] | undefined {
  const first = paragraph.children[0]
  if (first?.type !== 'text' || !bar.test(first.value.split('\n')[0]!) || slicer.escaped(first, 0)) return undefined
  const lines: PhrasingContent[][] = []
  let atLineStart = true
  for (const node of paragraph.children) {
    if (node.type !== 'text') {
      // A hard break ends the line as a newline does.
      if (node.type !== 'break') lines.at(-1)?.push(node)
      atLineStart = node.type === 'break'
      continue
    }
    let start = 0
    for (let at = 0; at <= node.value.length; at += 1) {
      if (at < node.value.length && node.value[at] !== '\n') continue
      if (at > start || atLineStart) {
        const piece = linePiece(node, start, at, atLineStart, slicer)
        if (piece === undefined) return undefined
        if (piece.newLine) lines.push([])
        if (piece.text.value !== '') lines.at(-1)!.push(piece.text)
      }
      atLineStart = at < node.value.length
      start = at + 1
    }
  }
  return lines
}

// A line-block line begins with `|` and a space, or is a bare `|`.
const bar = /^\|(?: |$)/

/** One source line of a text node: a new line (`| …`), a continuation (it began with a space), or not a line block (undefined). */
function linePiece(node: Text, start: number, end: number, atLineStart: boolean, slicer: TextSlicer): { text: Text; newLine: boolean } | undefined {
  const value = node.value.slice(start, end)
  if (!atLineStart) return { text: slicer.slice(node, start, end), newLine: false }
  if (bar.test(value) && !slicer.escaped(node, start)) {
    // Leading spaces are the poet's indentation: kept, as no-break spaces (pandoc does the same).
    const body = slicer.slice(node, start + Math.min(2, value.length), end)
    const indent = /^ */.exec(body.value)![0].length
    body.value = '\u00A0'.repeat(indent) + body.value.slice(indent)
    return { text: body, newLine: true }
  }
  // A continuation line must begin with a space; remark has removed it, the source still has it.
  const place = slicer.place(node, start, start + 1)
  return place && place.start.column > 1 ? { text: { ...slicer.slice(node, start, end), value: ` ${value}` }, newLine: false } : undefined
}

/** Group lines into stanzas at empty lines. */
function splitStanzas(lines: readonly PhrasingContent[][]): PhrasingContent[][][] {
  const stanzas: PhrasingContent[][][] = [[]]
  for (const line of lines) {
    if (line.length === 0) {
      if (stanzas.at(-1)!.length > 0) stanzas.push([])
    } else stanzas.at(-1)!.push(line)
  }
  return stanzas.filter((stanza) => stanza.length > 0)
}

/** A verse paragraph's lines: its children split at soft line breaks and hard breaks. */
function splitLines(children: readonly PhrasingContent[]): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]]
  for (const node of children) {
    if (node.type === 'break') {
      lines.push([])
    } else if (node.type === 'text' && node.value.includes('\n')) {
      node.value.split('\n').forEach((part, index) => {
        if (index > 0) lines.push([])
        if (part !== '') lines.at(-1)!.push({ type: 'text', value: index > 0 ? part.replace(/^[ \t]+/, '') : part })
      })
    } else lines.at(-1)!.push(node)
  }
  return lines.filter((line) => line.length > 0)
}

function lineBlock(paragraph: Paragraph, stanzas: readonly PhrasingContent[][][], inVerse: boolean): LineBlock {
  const count = stanzas.reduce((sum, stanza) => sum + stanza.length, 0)
  const classes = ['line-block', ...(count <= shortPoemLines && !inVerse ? ['verse-short'] : [])]
  const block: LineBlock = {
    type: 'lineBlock',
    children: stanzas.map((lines) => stanza(lines)),
    data: { hName: 'div', hProperties: { className: classes } },
  }
  if (paragraph.position) block.position = paragraph.position
  return block
}

function stanza(lines: readonly PhrasingContent[][], from?: Paragraph): Stanza {
  const children: PhrasingContent[] = []
  lines.forEach((line, index) => {
    // A `br` (for readers without styles) and a newline (so quotes pair as across any line end).
    if (index > 0) children.push({ type: 'verseBreak', data: { hName: 'br' } } as unknown as PhrasingContent, { type: 'text', value: '\n' })
    const verseLine: VerseLine = { type: 'verseLine', children: line, data: { hName: 'span', hProperties: { className: ['line'] } } }
    const start = line[0]?.position?.start
    const end = line.at(-1)?.position?.end
    if (start && end) verseLine.position = { start, end }
    children.push(verseLine)
  })
  const node: Stanza = { type: 'stanza', children, data: { hName: 'p', hProperties: { className: ['stanza'] } } }
  const start = children[0]?.position?.start
  const end = children.at(-1)?.position?.end
  if (from?.position) node.position = from.position
  else if (start && end) node.position = { start, end }
  return node
}
