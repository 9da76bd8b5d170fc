import type { Html, InlineCode, Nodes, Root, Text } from 'mdast'
import type { Plugin } from 'unified'
import { type QuotePreference, type QuoteStyle, quotesForLang } from '../lib/quotes-for-lang.ts'
import { decideQuotes, type QuoteMark } from './decide-quotes.ts'
import { frenchSpacing } from './french-spacing.ts'
import { dashCandidate, smartDashes } from './smart-dashes.ts'

// Once remark-smartypants 3 (`dashes: 'oldschool'`), byte for byte, in a
// fraction of its time: parse-latin still decides what a word, a sentence and
// a quote's neighbours are, but one loop walks its tree, and the dashes pass
// parses only the text nodes that hold a dash, dots or backticks. Since then:
// quotes and apostrophes by language (CLDR), from the nearest `lang`.

/** Options for {@link remarkSmartPunctuation}. */
export interface SmartPunctuationOptions {
  /** The book's language (BCP 47); a node's `data.hProperties.lang`, or an inline `<span lang>`, sets its text's own. */
  readonly lang: string
  /** The book's choice of quotes (book.yaml `quotes`), for its own language and, as `double`/`single`, for every language. */
  readonly quotes?: QuotePreference | undefined
}

/** A piece of a paragraph's text: a text node, or inline code (opaque, like a word), and its language. */
interface Run {
  readonly node: Text | InlineCode
  readonly lang: string
  readonly start: number
}

/** Blocks whose text starts fresh: a quote at their start opens (remark-smartypants gives them a leading space). */
const blockTypes = new Set(['paragraph', 'heading', 'tableCell'])

/**
 * Smart punctuation as pandoc's `smart` extension reads it, in the language
 * of each piece of text: `"` becomes the language's primary quotes and `'`
 * its inner quotes (paired across emphasis, links and inline code, as one
 * text), or an apostrophe ’ where it elides or marks a possessive; `--` an en
 * dash, `---` an em dash, `...` an ellipsis, ``` `` ``` and `''` double
 * quotes; French text gets its spaces before `; : ! ?` and inside « ».
 * Typographic characters the author typed are kept as they are.
 */
const remarkSmartPunctuation: Plugin<[SmartPunctuationOptions], Root> = (options) => {
  const styleFor = (lang: string): QuoteStyle =>
    quotesForLang(lang, lang === options.lang || options.quotes === 'double' || options.quotes === 'single' ? options.quotes : undefined)
  return (tree) => {
    const runs: Run[] = []
    const blockStarts: number[] = []
    const text = collectText(tree, options.lang, runs, blockStarts)
    let cursor = 0
    const runAt = (offset: number): Run => {
      if (cursor >= runs.length || runs[cursor]!.start > offset) cursor = 0
      while (cursor + 1 < runs.length && runs[cursor + 1]!.start <= offset) cursor++
      return runs[cursor]!
    }
    const langAt = (offset: number) => (runs.length === 0 ? options.lang : runAt(offset).lang)
    const marks = decideQuotes(text, blockStarts, (offset) => styleFor(langAt(offset)))
    applyQuotes(runs, marks, (mark) => character(mark, styleFor(langAt(mark.opener ?? mark.offset))))
    for (const run of runs) {
      if (run.node.type !== 'text') continue
      if (dashCandidate.test(run.node.value)) run.node.value = smartDashes(run.node.value)
      if (styleFor(run.lang).frenchSpacing) run.node.value = frenchSpacing(run.node.value)
    }
  }
}

export default remarkSmartPunctuation

function character(mark: QuoteMark, style: QuoteStyle): string {
  const kind = mark.mark === '"' ? 'double' : 'single'
  if (mark.role === 'apostrophe') return '\u2019'
  return mark.role === 'open' ? style.openingQuotes[kind] : style.closingQuotes[kind]
}

/**
 * The chapter as one string, so quotes pair across inline nodes: text as is,
 * inline code as as many `A`s, a space at the start of each block (whose
 * offset goes into `blockStarts`); `runs` gets each piece with its language.
 */
function collectText(tree: Root, lang: string, runs: Run[], blockStarts: number[]): string {
  const parts: string[] = []
  let length = 0
  const walk = (node: Nodes, inherited: string): void => {
    if (!('children' in node)) return
    // Inline HTML such as `<span lang="fr">…</span>`: its tags are siblings of the text they hold.
    const open: { tag: string; lang: string }[] = []
    for (const child of node.children) {
      const current = open.at(-1)?.lang ?? inherited
      if (child.type === 'html') {
        htmlLang(child, open)
      } else if (child.type === 'text' || child.type === 'inlineCode') {
        parts.push(child.type === 'text' ? child.value : 'A'.repeat(child.value.length))
        runs.push({ node: child, lang: current, start: length })
        length += child.value.length
      } else if (blockTypes.has(child.type)) {
        blockStarts.push(length)
        parts.push(' ')
        length += 1
      }
      walk(child, nodeLang(child) ?? current)
    }
  }
  walk(tree, nodeLang(tree) ?? lang)
  return parts.join('')
}

/** The `lang` a node carries for its HTML (pandoc's `[text]{lang=fr}` and `::: {lang=de}`, stored as `data.hProperties.lang`). */
function nodeLang(node: Nodes): string | undefined {
  const value = (node.data as { hProperties?: { lang?: unknown } } | undefined)?.hProperties?.lang
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** Track inline HTML tags: an opening tag with `lang` starts a language, its closing tag ends it. */
function htmlLang(node: Html, open: { tag: string; lang: string }[]): void {
  const opening = /^<([a-z][a-z0-9]*)\b[^>]*\blang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>$/i.exec(node.value.trim())
  if (opening) {
    open.push({ tag: opening[1]!.toLowerCase(), lang: opening[2] ?? opening[3] ?? opening[4] ?? '' })
    return
  }
  const closing = /^<\/([a-z][a-z0-9]*)\s*>$/i.exec(node.value.trim())
  if (closing && open.at(-1)?.tag === closing[1]!.toLowerCase()) open.pop()
}

/** Write each quote's character into the text nodes (inline code keeps its quotes). */
function applyQuotes(runs: readonly Run[], marks: readonly QuoteMark[], characterOf: (mark: QuoteMark) => string): void {
  let next = 0
  for (const run of runs) {
    const end = run.start + run.node.value.length
    if (run.node.type !== 'text' || next >= marks.length || marks[next]!.offset >= end) {
      while (next < marks.length && marks[next]!.offset < end) next++
      continue
    }
    const pieces: string[] = []
    let from = 0
    for (; next < marks.length && marks[next]!.offset < end; next++) {
      const at = marks[next]!.offset - run.start
      pieces.push(run.node.value.slice(from, at), characterOf(marks[next]!))
      from = at + 1
    }
    pieces.push(run.node.value.slice(from))
    run.node.value = pieces.join('')
  }
}
