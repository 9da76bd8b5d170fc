import { createRequire } from 'node:module'
import type { Element, Root } from 'hast'
import type { Plugin } from 'unified'
import { builtInExceptions, hyphenationMinima } from './hyphenation-rules.ts'

/** Options for {@link rehypeHyphenate}. */
export interface HyphenateOptions {
  /** The text's BCP 47 language tag (`en-GB`, `de`, …): picks the patterns. */
  readonly lang: string
  /** Shortest word that is hyphenated (default: the language's, see hyphenationMinima). */
  readonly minWordLength?: number
  /** Fewest letters left before a break (default: the language's). */
  readonly leftMin?: number
  /** Fewest letters carried after a break (default: the language's). */
  readonly rightMin?: number
  /**
   * The book's own exceptions by language tag (`en-GB`, `en`, `fr`; book.yaml's
   * `hyphenation`): each word with a hyphen where it may break, none to keep it whole.
   */
  readonly exceptions?: Readonly<Record<string, readonly string[]>>
}

/** The soft hyphen: invisible unless the line breaks there (CSS `hyphens: manual`). */
export const softHyphen = '\u00AD'

type Hyphenator = (word: string) => string
type CreateHyphenator = (patterns: unknown, options: { html: boolean; hyphenChar: string; minWordLength: number }) => Hyphenator

const require = createRequire(import.meta.url)

// A language's full tag or primary subtag → the `hyphen` package's pattern file, where the names differ.
// English takes Liang's patterns (hyph-en-us, from Knuth's hyphen.tex) in every region: the
// hyph-en-gb patterns broke common words where a British reader stumbles ("vo-lun-teer",
// "be-ne-fits", "sci-ent-ist", "re-com-men-ded", "del-eg-ates", "sens-it-ive"; tests/unit/print/
// rehype-hyphenate.test.ts lists them); British spellings the American patterns miss are exceptions
// (hyphenation-rules.ts).
const patternNames: Readonly<Record<string, string>> = {
  en: 'en-us',
  'en-us': 'en-us',
  'en-gb': 'en-us',
  'en-au': 'en-us',
  'en-nz': 'en-us',
  'en-ie': 'en-us',
  'en-za': 'en-us',
  'en-in': 'en-us',
  de: 'de-1996',
  el: 'el-monoton',
  mn: 'mn-cyrl',
  sr: 'sr-cyrl',
  'sr-latn': 'sh-latn',
  nb: 'nb',
  no: 'nb',
}

/** A URL or e-mail address (group 1), or a word. */
const wordOrUrl = /(\S*(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)\S*|\S+@\S+\.\S+)|[\p{L}\p{M}]+/giu
/** A word: what {@link wordOrUrl} finds in text without `://`, `www.` or `@` (most text), without its slow URL branches. */
const word = /[\p{L}\p{M}]+/giu
/** Text where {@link wordOrUrl} may find a URL or an e-mail address. */
const mayHoldUrl = /:\/\/|www\.|@/i

// Text in these elements is not running prose: code, URLs, headings and header cells stay whole.
const skippedTags = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'script', 'style', 'svg', 'math', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'title', 'th'])

/**
 * The `hyphen` pattern file for a language tag (`en-GB` → `en-gb`, `de-AT` →
 * `de-1996`), or undefined when the package has none.
 */
export function hyphenationPatternName(lang: string): string | undefined {
  const tag = lang.toLowerCase()
  const primary = tag.split('-')[0] ?? tag
  for (const candidate of [tag, primary]) {
    const name = patternNames[candidate] ?? candidate
    try {
      require.resolve(`hyphen/patterns/${name}.js`)
      return name
    } catch {
      // Try the primary subtag next.
    }
  }
  return undefined
}

/**
 * Insert soft hyphens (U+00AD) at the pattern points of every long word of
 * running text, so Chromium (whose `hyphens: auto` does nothing here) can
 * justify lines without rivers, by the language of the nearest `lang`.
 * Headings, code, verse and links whose text is a URL are left whole. An unsupported language is
 * reported once and the text left as it is.
 */
const rehypeHyphenate: Plugin<[HyphenateOptions], Root> = (options) => {
  const lang = options.lang.toLowerCase()
  // One hyphenator per language met (the book's, and each `lang` of a span or div), made on first use.
  const hyphenators = new Map<string, Hyphenator | undefined>()
  const hyphenatorFor = (tag: string): Hyphenator | undefined => {
    if (!hyphenators.has(tag)) {
      const patternName = hyphenationPatternName(tag)
      hyphenators.set(tag, patternName ? createWordHyphenator(patternName, tag, options) : undefined)
    }
    return hyphenators.get(tag)
  }
  let reported = false
  return (tree, file) => {
    if (!hyphenatorFor(lang)) {
      if (!reported) {
        file.info(`No hyphenation patterns for language \`${options.lang}\`: the print edition is justified without hyphenation`, {
          ruleId: 'hyphenation-unsupported',
          source: 'samizdat',
        })
        reported = true
      }
      return
    }
    hyphenateChildren(tree, hyphenatorFor, lang)
  }
}

/**
 * Hyphenate the text under `parent` by the nearest `lang` (a French span in
 * an English book takes the French patterns; a language without patterns
 * stays whole), skipping the elements {@link skipElement} names (a loop:
 * unist-util-visit cost as much as the hyphenation).
 */
function hyphenateChildren(parent: Root | Element, hyphenatorFor: (lang: string) => Hyphenator | undefined, lang: string): void {
  const hyphenate = hyphenatorFor(lang)
  for (const node of parent.children) {
    if (node.type === 'element') {
      const ownLang = node.properties['lang']
      if (!skipElement(node)) hyphenateChildren(node, hyphenatorFor, typeof ownLang === 'string' && ownLang !== '' ? ownLang.toLowerCase() : lang)
    } else if (node.type === 'text' && hyphenate) {
      // URLs and e-mail addresses stay whole: a hyphen in them would change them.
      node.value = mayHoldUrl.test(node.value)
        ? node.value.replace(wordOrUrl, (match, url: string | undefined) => (url ? match : hyphenate(match)))
        : node.value.replace(word, hyphenate)
    }
  }
}

// Verse is set unjustified and never hyphenated: a line of a poem is the poet's. "Figure 3" stays whole.
const skippedClasses = ['no-hyphens', 'url', 'line-block', 'verse', 'poem', 'crossref', 'short-cell']

function skipElement(node: Element): boolean {
  if (skippedTags.has(node.tagName)) return true
  const className = node.properties['className']
  return Array.isArray(className) && skippedClasses.some((name) => className.includes(name))
}

/**
 * Hyphenate one word of language `lang` with its patterns, keeping `leftMin` and `rightMin`
 * letters around each break; an exception (the book's, then the built-in ones) decides instead.
 */
function createWordHyphenator(patternName: string, lang: string, options: HyphenateOptions): Hyphenator {
  const createHyphenator = require('hyphen/hyphen.js') as CreateHyphenator
  const minima = hyphenationMinima(lang)
  const minWordLength = options.minWordLength ?? minima.minWordLength
  const leftMin = options.leftMin ?? minima.leftMin
  const rightMin = options.rightMin ?? minima.rightMin
  const patterned = createHyphenator(require(`hyphen/patterns/${patternName}.js`), { html: false, hyphenChar: softHyphen, minWordLength })
  const exceptions = exceptionsFor(lang, options.exceptions)
  const cache = new Map<string, string>()
  return (word) => {
    let result = cache.get(word)
    if (result === undefined) {
      // Acronyms and short words stay whole.
      if (word.length < minWordLength || word === word.toUpperCase()) {
        cache.set(word, word)
        return word
      }
      const exception = exceptions.get(word.toLowerCase())
      const parts = exception ? splitLike(word, exception) : patterned(word).split(softHyphen)
      result = parts[0] ?? ''
      let before = result.length
      for (const part of parts.slice(1)) {
        const after = word.length - before
        result += before >= leftMin && after >= rightMin ? softHyphen + part : part
        before += part.length
      }
      cache.set(word, result)
    }
    return result
  }
}

/**
 * The exceptions that apply to `lang` (`en-gb`): built-in ones for its primary subtag, then the
 * book's for the primary subtag and for the full tag, later ones winning. Word (lower case) → its
 * parts between break points.
 */
function exceptionsFor(lang: string, own: HyphenateOptions['exceptions'] = {}): Map<string, readonly number[]> {
  const primary = lang.split('-')[0] ?? lang
  const bookLists = Object.entries(own).flatMap(([tag, words]) => {
    const key = tag.toLowerCase()
    return key === primary || key === lang ? [words] : []
  })
  const found = new Map<string, readonly number[]>()
  for (const words of [builtInExceptions[primary] ?? [], ...bookLists]) {
    for (const written of words) {
      const parts = written.split(/[-\u00AD]/)
      found.set(parts.join('').toLowerCase(), parts.map((part) => part.length))
    }
  }
  return found
}

/** `word` cut into parts of the lengths an exception gives. */
function splitLike(word: string, lengths: readonly number[]): string[] {
  const parts: string[] = []
  let at = 0
  for (const length of lengths) {
    parts.push(word.slice(at, at + length))
    at += length
  }
  return parts
}

export default rehypeHyphenate
