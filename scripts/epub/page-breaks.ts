import type { Element, ElementContent, Root, Text } from 'hast'
import { headingRank } from 'hast-util-heading-rank'
import { h } from 'hastscript'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'
import type { PageStart } from '../lib/book-model.ts'

/** A print page the EPUB marks: where its text begins (`sid`, `offset` as in {@link PageStart}). */
export interface PageMark {
  readonly page: number
  readonly folio: string
  readonly sid: string
  readonly offset: number
}

/** The id of the EPUB marker for physical PDF page `page` (1-based). */
export function pageId(page: number): string {
  return `page-${page}`
}

/**
 * Where each print page is marked: where its body text begins. Pages
 * without text (the title, imprint and contents before the first body text,
 * blank versos, blanks at the end) are left out of the page-list: no words
 * of the EPUB stand on them, and a reader who asks for a blank page has
 * nothing to land on (the accessibility summary says so).
 */
export function placePageMarks(starts: readonly PageStart[]): PageMark[] {
  return [...starts]
    .sort((a, b) => a.page - b.page)
    .flatMap((start) => (start.sid === null ? [] : [{ page: start.page, folio: start.folio, sid: start.sid, offset: start.offset }]))
}

/** The empty marker for a print page (https://kb.daisy.org/publishing/docs/navigation/pagebreaks.html). */
export function pageBreakMarker(mark: Pick<PageMark, 'page' | 'folio'>): Element {
  return h('span', { 'epub:type': 'pagebreak', role: 'doc-pagebreak', id: pageId(mark.page), ariaLabel: mark.folio })
}

/** Options for {@link rehypeEpubPageBreaks}. */
export interface PageBreakOptions {
  readonly marks: readonly PageMark[]
  /** Called with each mark that found its block in this tree. */
  readonly onPlaced?: (mark: PageMark) => void
}

/**
 * Put a page-break marker into the block whose `data-sid` each mark names,
 * at its character offset, moved back to the start of a word so no word is
 * split. A page that begins at a heading is marked just before the heading,
 * as its sibling: inside it, the folio would become part of the heading's
 * accessible name (“10 2 What were the limitations…”). An offset past the
 * block's end is reported and placed at the end.
 */
const rehypeEpubPageBreaks: Plugin<[PageBreakOptions], Root> = (options) => {
  const bySid = new Map<string, PageMark[]>()
  for (const mark of [...options.marks].sort((a, b) => a.page - b.page)) {
    bySid.set(mark.sid, [...(bySid.get(mark.sid) ?? []), mark])
  }
  return (tree, file) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      const sid = node.properties['dataSid']
      const marks = sid === undefined ? undefined : bySid.get(String(sid))
      if (!marks) return undefined
      if (headingRank(node) && parent && index !== undefined) {
        parent.children.splice(index, 0, ...marks.map(pageBreakMarker))
        for (const mark of marks) options.onPlaced?.(mark)
        return index + marks.length + 1
      }
      for (const mark of marks) {
        const length = insertPageBreak(node, mark.offset, pageBreakMarker(mark))
        if (length < mark.offset) {
          file.message(`Print page ${mark.folio} starts ${mark.offset} characters into this block, but it has only ${length}: its EPUB page marker is put at the block's end`, {
            place: node.position,
            ruleId: 'page-break-offset',
            source: 'samizdat',
          })
        }
        options.onPlaced?.(mark)
      }
      return undefined
    })
  }
}

export default rehypeEpubPageBreaks

/** A text node of a block, with where its counted characters start. */
interface Segment {
  readonly node: Text
  /** Ancestors from the block (first) down to the text's parent (last). */
  readonly path: readonly Element[]
  readonly start: number
  /** The counted characters (soft hyphens removed). */
  readonly counted: string
  /** Index in `node.value` of each counted character. */
  readonly indices: readonly number[]
  /** A `br` or an image stands between this text and the previous one. */
  readonly afterBreak: boolean
}

/**
 * Insert `marker` into `block` before counted character `offset` (moved back
 * to its word's start). Returns the block's counted length.
 */
export function insertPageBreak(block: Element, offset: number, marker: Element): number {
  const segments = blockSegments(block)
  const total = segments.reduce((sum, segment) => sum + segment.counted.length, 0)
  const position = wordStart(segments, Math.min(Math.max(offset, 0), total))
  if (position === 0 || segments.length === 0) {
    insertAt(block, 0, marker)
    return total
  }
  const segment = segments.find((candidate) => position < candidate.start + candidate.counted.length) ?? segments.at(-1)!
  const parent = segment.path.at(-1)!
  const at = position - segment.start
  const index = parent.children.indexOf(segment.node)
  if (at >= segment.counted.length) {
    insertAt(parent, index + 1, marker)
  } else if (at === 0) {
    hoistBefore(segment, marker)
  } else {
    const split = segment.indices[at]!
    const before: Text = { type: 'text', value: segment.node.value.slice(0, split) }
    const after: Text = { type: 'text', value: segment.node.value.slice(split) }
    parent.children.splice(index, 1, before, marker, after)
  }
  return total
}

/** Before a text that starts its inline element(s), put the marker before those elements, not inside a link or emphasis. */
function hoistBefore(segment: Segment, marker: Element): void {
  let child: ElementContent = segment.node
  let level = segment.path.length - 1
  while (level > 0 && firstNonMarker(segment.path[level]!) === child) {
    child = segment.path[level]!
    level--
  }
  const parent = segment.path[level]!
  insertAt(parent, parent.children.indexOf(child), marker)
}

function firstNonMarker(parent: Element): ElementContent | undefined {
  return parent.children.find((child) => !isMarker(child))
}

/** Insert after any markers already there, so markers at one place stay in page order. */
function insertAt(parent: Element, index: number, marker: Element): void {
  let at = index
  while (at < parent.children.length && isMarker(parent.children[at]!)) at++
  parent.children.splice(at, 0, marker)
}

function isMarker(node: ElementContent): boolean {
  return node.type === 'element' && node.properties['role'] === 'doc-pagebreak'
}

/** Move back from inside a word to its start; `br` and images separate words. */
function wordStart(segments: readonly Segment[], position: number): number {
  const flat = segments.map((segment) => segment.counted).join('')
  const breaks = new Set(segments.filter((segment) => segment.afterBreak).map((segment) => segment.start))
  let at = position
  while (at > 0 && at < flat.length && !breaks.has(at) && /\S/u.test(flat[at - 1]!) && /\S/u.test(flat[at]!)) at--
  return at
}

/**
 * The block's text nodes in order, as the print layout counts them
 * (read-page-map.ts): every text node inside the block, nested blocks
 * included, but not footnote calls, and not soft hyphens.
 */
export function blockSegments(block: Element): Segment[] {
  const segments: Segment[] = []
  let start = 0
  let afterBreak = false
  const walk = (node: Element, path: readonly Element[]): void => {
    for (const child of node.children) {
      if (child.type === 'text') {
        const indices: number[] = []
        let counted = ''
        for (let index = 0; index < child.value.length; index++) {
          if (child.value[index] === '\u00AD') continue
          indices.push(index)
          counted += child.value[index]
        }
        if (counted === '') continue
        segments.push({ node: child, path, start, counted, indices, afterBreak })
        start += counted.length
        afterBreak = false
      } else if (child.type === 'element') {
        if (isFootnoteCall(child) || isMarker(child)) continue
        if (child.tagName === 'br' || child.tagName === 'img') afterBreak = true
        else walk(child, [...path, child])
      }
    }
  }
  walk(block, [block])
  return segments
}

/** `a[data-footnote-ref]`, or the `sup` remark-rehype wraps it in. */
export function isFootnoteCall(node: Element): boolean {
  if (node.tagName === 'a' && node.properties['dataFootnoteRef'] !== undefined) return true
  return node.tagName === 'sup' && node.children.some((child) => child.type === 'element' && isFootnoteCall(child))
}
