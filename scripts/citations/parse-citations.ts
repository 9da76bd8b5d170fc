import type { Data, Nodes, Parent, PhrasingContent, Root, Text } from 'mdast'
import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'
import { pointLocator } from './point-locator.ts'
import { isEscaped, sourceOffset } from './source-offset.ts'

/** One cite of a cluster, `see @key, p. 3`, as written. */
export interface CiteItem {
  readonly key: string
  readonly prefix: readonly PhrasingContent[]
  /** Everything after the key: locator and suffix, split later with the locale's terms. */
  readonly suffix: readonly PhrasingContent[]
  /** `[-@key]`. */
  readonly suppressAuthor: boolean
  /** Where `@key` is written. */
  readonly position: Position | undefined
}

/**
 * A citation cluster in the mdast: `[see @a, p. 3; @b]` (`normal`) or
 * `@a [p. 3]` (`author-in-text`). Its children are the nodes it was parsed
 * from until the book-level render replaces them.
 */
export interface CitationNode extends Parent {
  type: 'citation'
  mode: 'normal' | 'author-in-text'
  items: readonly CiteItem[]
  children: PhrasingContent[]
  data?: Data & { hName?: string; hProperties?: Record<string, unknown> }
}

export interface ParseCitationsOptions {
  /** Also take bare `@key` (in-text) citations; off for a book without a bibliography, where `@name` is likelier a handle. */
  readonly inText: boolean
}

interface Flat {
  /** The parent's phrasing as one string; each non-text child is one OBJECT character. */
  readonly text: string
  readonly child: readonly number[]
  readonly offset: readonly number[]
  /** Where each child starts in `text`, plus the end. */
  readonly starts: readonly number[]
}

interface Match {
  readonly start: number
  readonly end: number
  readonly mode: CitationNode['mode']
  readonly items: readonly { key: string; keyStart: number; keyEnd: number; prefix: [number, number]; suffix: [number, number]; suppressAuthor: boolean }[]
}

const OBJECT = '\uFFFC'
const skipped = new Set(['code', 'inlineCode', 'html', 'link', 'linkReference', 'definition', 'math', 'inlineMath', 'yaml', 'toml', 'citation'])
// Pandoc: a key starts with a letter, digit or _, and may hold :.#$%&-+?<>~/ between
// such characters (https://pandoc.org/MANUAL.html#citation-syntax).
const keyPattern = /[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/]+(?=[\p{L}\p{N}_]))*/uy
const wordChar = /[\p{L}\p{N}_]/u

/** Find pandoc citations in a chapter's mdast and replace each with a `citation` node; returns them in document order. */
export function parseCitations(tree: Root, file: VFile, options: ParseCitationsOptions): CitationNode[] {
  const source = String(file.value ?? '')
  const locate = pointLocator(source)
  const found: CitationNode[] = []
  const walk = (node: Nodes) => {
    if (!('children' in node) || skipped.has(node.type)) return
    if (node.children.some((child) => child.type === 'text')) scanParent(node, source, locate, options, found)
    for (const child of node.children) walk(child as Nodes)
  }
  walk(tree)
  return found.sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0))
}

function scanParent(parent: Parent, source: string, locate: (offset: number) => Point, options: ParseCitationsOptions, found: CitationNode[]) {
  const children = parent.children as PhrasingContent[]
  const flat = flatten(children)
  const literal = (at: number) => {
    const child = children[flat.child[at]!]
    return child?.type === 'text' && !isEscaped(child, flat.offset[at]!, source)
  }
  const matches: Match[] = []
  for (let at = 0; at < flat.text.length; ) {
    const char = flat.text[at]
    const match =
      char === '[' && literal(at) ? bracketed(flat, at, literal) : char === '@' && options.inText && literal(at) ? inText(flat, at, literal) : undefined
    if (match) matches.push(match)
    at = match ? match.end : at + 1
  }
  const pointAt = (at: number): Point | undefined => {
    const child = children[flat.child[at]!]
    if (child?.type !== 'text') return child?.position?.start
    const offset = sourceOffset(child, flat.offset[at]!, source)
    return offset === undefined ? undefined : locate(offset)
  }
  const positionOf = (start: number, end: number): Position | undefined => {
    // A node with no source of its own (an autolinked address) has no offsets: fall back to the node's, then the paragraph's, start.
    const from = pointAt(start) ?? children[flat.child[start]!]?.position?.start ?? parent.position?.start
    const to = (end < flat.text.length ? pointAt(end) : children.at(-1)?.position?.end) ?? from
    return from && to ? { start: from, end: to } : undefined
  }
  if (matches.length === 0) return
  const slice = (start: number, end: number): PhrasingContent[] => sliceNodes(children, flat, start, end, positionOf)
  // Rebuild the children in one pass over the flat text: untouched nodes are kept as they are.
  const result: PhrasingContent[] = []
  let cursor = 0
  for (const match of matches) {
    result.push(...slice(cursor, match.start))
    const node: CitationNode = {
      type: 'citation',
      mode: match.mode,
      items: match.items.map((item) => ({
        key: item.key,
        prefix: slice(...item.prefix),
        suffix: slice(...item.suffix),
        suppressAuthor: item.suppressAuthor,
        position: positionOf(item.keyStart, item.keyEnd),
      })),
      children: slice(match.start, match.end),
      data: { hName: 'span' },
    }
    const position = positionOf(match.start, match.end)
    if (position) node.position = position
    result.push(node as unknown as PhrasingContent)
    found.push(node)
    cursor = match.end
  }
  result.push(...slice(cursor, flat.text.length))
  parent.children = result
}

function flatten(children: readonly PhrasingContent[]): Flat {
  let text = ''
  const child: number[] = []
  const offset: number[] = []
  const starts: number[] = []
  children.forEach((node, index) => {
    starts.push(text.length)
    const value = node.type === 'text' ? node.value : OBJECT
    text += value
    for (let at = 0; at < value.length; at += 1) {
      child.push(index)
      offset.push(node.type === 'text' ? at : -1)
    }
  })
  starts.push(text.length)
  return { text, child, offset, starts }
}

const firstOf = (flat: Flat, child: number) => flat.starts[child]!
const lastOf = (flat: Flat, child: number) => flat.starts[child + 1]! - 1

/** The nodes covering flat range [start, end): whole non-text children, and new text nodes for parts of text children. */
function sliceNodes(
  children: readonly PhrasingContent[],
  flat: Flat,
  start: number,
  end: number,
  positionOf: (start: number, end: number) => Position | undefined,
): PhrasingContent[] {
  const result: PhrasingContent[] = []
  for (let at = start; at < end; ) {
    const index = flat.child[at]!
    const node = children[index]!
    const stop = Math.min(end, lastOf(flat, index) + 1)
    if (node.type === 'text' && (at > firstOf(flat, index) || stop <= lastOf(flat, index))) {
      const text: Text = { type: 'text', value: flat.text.slice(at, stop) }
      const position = positionOf(at, stop)
      if (position) text.position = position
      if (text.value !== '') result.push(text)
    } else {
      result.push(node)
    }
    at = stop
  }
  return result
}

/** `[prefix @key suffix; …]`: every `;`-separated part must hold a key, else it is plain text (pandoc does the same). */
function bracketed(flat: Flat, open: number, literal: (at: number) => boolean): Match | undefined {
  const close = closingBracket(flat, open, literal)
  if (close === undefined) return undefined
  const parts: [number, number][] = []
  let depth = 0
  let partStart = open + 1
  for (let at = open + 1; at < close; at += 1) {
    const char = flat.text[at]
    if ((char !== '[' && char !== ']' && char !== ';') || !literal(at)) continue
    if (char === '[') depth += 1
    else if (char === ']') depth -= 1
    else if (char === ';' && depth === 0) {
      parts.push([partStart, at])
      partStart = at + 1
    }
  }
  parts.push([partStart, close])
  const items: Match['items'][number][] = []
  for (const [start, end] of parts) {
    const at = findKeyStart(flat, start, end, literal)
    if (at === undefined) return undefined
    const key = readKey(flat, at + 1)
    if (!key) return undefined
    const suppressAuthor = at > start && flat.text[at - 1] === '-'
    const keyStart = suppressAuthor ? at - 1 : at
    items.push({ key: key.key, keyStart: at, keyEnd: key.end, prefix: [start, keyStart], suffix: [key.end, end], suppressAuthor })
  }
  return { start: open, end: close + 1, mode: 'normal', items }
}

/** `@key` in running text, optionally followed by `[locator, suffix]`. */
function inText(flat: Flat, at: number, literal: (at: number) => boolean): Match | undefined {
  // `me@example.com` is an address, not a citation: the `@` must not follow a letter or digit.
  if (at > 0 && wordChar.test(flat.text[at - 1]!)) return undefined
  const key = readKey(flat, at + 1)
  if (!key) return undefined
  let end = key.end
  let suffix: [number, number] = [end, end]
  const open = flat.text[end] === ' ' && flat.text[end + 1] === '[' ? end + 1 : flat.text[end] === '[' ? end : undefined
  if (open !== undefined && literal(open)) {
    const close = closingBracket(flat, open, literal)
    if (close !== undefined && findKeyStart(flat, open + 1, close, literal) === undefined) {
      suffix = [open + 1, close]
      end = close + 1
    }
  }
  return { start: at, end, mode: 'author-in-text', items: [{ key: key.key, keyStart: at, keyEnd: key.end, prefix: [at, at], suffix, suppressAuthor: false }] }
}

function closingBracket(flat: Flat, open: number, literal: (at: number) => boolean): number | undefined {
  let depth = 0
  for (let at = open + 1; at < flat.text.length; at += 1) {
    const char = flat.text[at]
    if ((char !== '[' && char !== ']') || !literal(at)) continue
    if (char === '[') depth += 1
    else if (depth === 0) return at
    else depth -= 1
  }
  return undefined
}

/** The first `@` in [start, end) that begins a key and does not follow a letter or digit. */
function findKeyStart(flat: Flat, start: number, end: number, literal: (at: number) => boolean): number | undefined {
  for (let at = flat.text.indexOf('@', start); at !== -1 && at < end; at = flat.text.indexOf('@', at + 1)) {
    if (at > start && wordChar.test(flat.text[at - 1]!)) continue
    if (literal(at) && readKey(flat, at + 1)) return at
  }
  return undefined
}

/** A key at `at` (after the `@`): pandoc's plain form, or anything in braces (`@{Doe 2020}`). */
function readKey(flat: Flat, at: number): { key: string; end: number } | undefined {
  if (flat.text[at] === '{') {
    const close = flat.text.indexOf('}', at)
    const key = close === -1 ? '' : flat.text.slice(at + 1, close).trim()
    return key && !key.includes(OBJECT) && !key.includes('{') ? { key, end: close + 1 } : undefined
  }
  keyPattern.lastIndex = at
  const match = keyPattern.exec(flat.text)
  return match ? { key: match[0], end: at + match[0].length } : undefined
}
