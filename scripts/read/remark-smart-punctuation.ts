import type { InlineCode, Nodes, Root, Text } from 'mdast'
import type { Parents as NlcstParents, Root as NlcstRoot, SentenceContent } from 'nlcst'
import { ParseLatin } from 'parse-latin'
import type { Plugin } from 'unified'
import type { QuoteStyle } from '../lib/quotes-for-lang.ts'

// What remark-smartypants 3 (with `dashes: 'oldschool'`) does, to the byte,
// in a fraction of its time: it ran retext twice, through unist-util-visit
// over every word of the book and a whole retext pipeline per text node.
// Here parse-latin still decides what a word, a sentence and a quote's
// neighbours are, but one loop walks its tree, and the second pass (dashes,
// ellipses, backticks) parses only the text nodes that hold one of them.
// The quote and punctuation rules are retext-smartypants 6.2's (MIT).

/** A piece of a paragraph's text: a text node, or inline code (opaque, like a word). */
type Run = Text | InlineCode

/** Blocks whose text starts fresh: a quote at their start opens (remark-smartypants gives them a leading space). */
const blockTypes = new Set(['paragraph', 'heading', 'tableCell'])

// parse-latin's white space characters (its `whiteSpace` expression).
const whiteSpace = '\\t-\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000'
/** Text the second pass can change: dashes, backticks, doubled apostrophes, dots with dots near them. */
const secondPassCandidate = new RegExp(`--|\u2013-|\`\`|''|\\.\\.|\\.[${whiteSpace}]+\\.`)

/**
 * Smart punctuation as pandoc's `smart` extension reads it: straight quotes
 * become the language's curly quotes (paired across emphasis, links and
 * inline code, as one text), `--` an en dash, `---` an em dash, `...` an
 * ellipsis, ``` `` ``` and `''` double quotes.
 */
const remarkSmartPunctuation: Plugin<[QuoteStyle], Root> = (style) => {
  const open: [string, string] = [style.openingQuotes.double, style.openingQuotes.single]
  const close: [string, string] = [style.closingQuotes.double, style.closingQuotes.single]
  return (tree) => {
    const runs: (Run | undefined)[] = []
    const text = collectText(tree, runs)
    const quotes = new Map<number, string>()
    walkQuotes(new ParseLatin().parse(text), 0, quotes, open, close)
    applyQuotes(runs, quotes)
    for (const run of runs) {
      if (run?.type === 'text' && secondPassCandidate.test(run.value)) run.value = secondPass(run.value)
    }
  }
}

export default remarkSmartPunctuation

/**
 * The chapter as one string, so quotes pair across inline nodes: text as is,
 * inline code as as many `A`s, a space at the start of each block; `runs`
 * gets each piece in order (`undefined` for a block's space).
 */
function collectText(tree: Root, runs: (Run | undefined)[]): string {
  const parts: string[] = []
  const walk = (node: Nodes): void => {
    if (!('children' in node)) return
    for (const child of node.children) {
      if (child.type === 'text' || child.type === 'inlineCode') {
        parts.push(child.type === 'text' ? child.value : 'A'.repeat(child.value.length))
        runs.push(child)
      } else if (blockTypes.has(child.type)) {
        parts.push(' ')
        runs.push(undefined)
      }
      walk(child)
    }
  }
  walk(tree)
  return parts.join('')
}

/** Write the curly quotes (keyed by their offset in the chapter's string) into the text nodes. */
function applyQuotes(runs: readonly (Run | undefined)[], quotes: ReadonlyMap<number, string>): void {
  if (quotes.size === 0) return
  const offsets = [...quotes.keys()]
  let next = 0
  let start = 0
  for (const run of runs) {
    if (!run) {
      start += 1
      continue
    }
    const end = start + run.value.length
    if (run.type === 'text' && next < offsets.length && offsets[next]! < end) {
      const pieces: string[] = []
      let from = 0
      for (; next < offsets.length && offsets[next]! < end; next++) {
        const at = offsets[next]! - start
        pieces.push(run.value.slice(from, at), quotes.get(offsets[next]!)!)
        from = at + 1
      }
      pieces.push(run.value.slice(from))
      run.value = pieces.join('')
    }
    start = end
  }
}

/** A node's text. */
function nlcstText(node: NlcstParents | SentenceContent | NlcstRoot['children'][number]): string {
  if ('value' in node) return node.value
  let text = ''
  for (const child of node.children) text += nlcstText(child)
  return text
}

/**
 * Decide every straight quote of the tree in reading order (retext-smartypants'
 * `quotesDefault`); the choice goes into `quotes` by offset, the tree is not
 * changed. Returns the offset after `parent`.
 */
function walkQuotes(parent: NlcstParents, start: number, quotes: Map<number, string>, open: [string, string], close: [string, string]): number {
  const siblings = parent.children as SentenceContent[]
  let offset = start
  for (let index = 0; index < siblings.length; index++) {
    const node = siblings[index]!
    if (!('value' in node)) {
      offset = walkQuotes(node, offset, quotes, open, close)
      continue
    }
    if ((node.type === 'PunctuationNode' || node.type === 'SymbolNode') && (node.value === '"' || node.value === "'") && !quotes.has(offset)) {
      decideQuote(siblings, index, offset, quotes, open, close)
    }
    offset += node.value.length
  }
  return offset
}

function decideQuote(siblings: readonly SentenceContent[], index: number, offset: number, quotes: Map<number, string>, open: [string, string], close: [string, string]): void {
  const quote = (siblings[index] as { value: string }).value === '"' ? 0 : 1
  const previous = siblings[index - 1]
  const next = siblings[index + 1]
  const nextNext = siblings[index + 2]
  const nextValue = next ? nlcstText(next) : ''
  const isMark = (candidate: SentenceContent | undefined) => candidate?.type === 'PunctuationNode' || candidate?.type === 'SymbolNode'
  if (isMark(next) && nextNext?.type !== 'WordNode') {
    // A quote followed by punctuation at a non-word-break closes.
    quotes.set(offset, close[quote])
  } else if (isMark(next) && (nextValue === '"' || nextValue === "'") && nextNext?.type === 'WordNode') {
    // Two quotes before a word both open: `He said, "'Quoted' words in a larger quote."`
    quotes.set(offset, open[quote])
    quotes.set(offset + 1, open[nextValue === '"' ? 0 : 1])
  } else if (next && /^\d\ds$/.test(nextValue)) {
    // Decades: `the '80s`.
    quotes.set(offset, close[quote])
  } else if ((previous?.type === 'WhiteSpaceNode' || isMark(previous)) && next?.type === 'WordNode') {
    quotes.set(offset, open[quote])
  } else if (previous && previous.type !== 'WhiteSpaceNode' && !isMark(previous)) {
    quotes.set(offset, close[quote])
  } else if (!next || next.type === 'WhiteSpaceNode' || (quote === 1 && nextValue === 's')) {
    quotes.set(offset, close[quote])
  } else {
    quotes.set(offset, open[quote])
  }
}

/** Dashes, ellipses and backticks in one text node (retext-smartypants with `quotes: false`, `dashes: 'oldschool'`). */
function secondPass(value: string): string {
  const tree = new ParseLatin().parse(value)
  walkPunctuation(tree)
  return nlcstText(tree)
}

/** unist-util-visit's order and its answer to a removed node (go on at the same index), which the rules rely on. */
function walkPunctuation(parent: NlcstParents): void {
  const siblings = parent.children as SentenceContent[]
  for (let index = 0; index < siblings.length; ) {
    const node = siblings[index]!
    if (node.type === 'PunctuationNode' || node.type === 'SymbolNode') {
      ellipsesSpaced(node, index, siblings)
      // Three or more dots without white space.
      if (/^\.{3,}$/.test(node.value)) node.value = '\u2026'
      if (node.value === '``') node.value = '\u201C'
      else if (node.value === "''") node.value = '\u201D'
      if (dashesOldschool(node, index, siblings)) {
        siblings.splice(index, 1)
        continue
      }
    } else if ('children' in node) {
      walkPunctuation(node)
    }
    index++
  }
}

/** `. . .` with white space between becomes one ellipsis (the spaces and dots before this one go). */
function ellipsesSpaced(node: { value: string }, index: number, siblings: SentenceContent[]): void {
  if (!/^\.+$/.test(node.value)) return
  let position = index
  let removed = 0
  let count = 1
  // Stops before the first sibling, as retext-smartypants does.
  while (--position > 0) {
    if (siblings[position]!.type !== 'WhiteSpaceNode') break
    const sibling = siblings[--position]
    if (sibling && (sibling.type === 'PunctuationNode' || sibling.type === 'SymbolNode') && /^\.+$/.test(sibling.value)) {
      removed += 2
      count++
      continue
    }
    break
  }
  if (count < 3) return
  siblings.splice(index - removed, removed)
  node.value = '\u2026'
}

/** `---` an em dash, `--` an en dash; an en dash then a hyphen (the two made of `---` split) an em dash. Returns whether to drop `node`. */
function dashesOldschool(node: { value: string }, index: number, siblings: SentenceContent[]): boolean {
  const next = siblings[index + 1]
  if (node.value === '\u2013' && next?.type === 'PunctuationNode' && next.value === '-') {
    next.value = '\u2014'
    return true
  }
  if (node.value === '---') node.value = '\u2014'
  else if (node.value === '--') node.value = '\u2013'
  return false
}
