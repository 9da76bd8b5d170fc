import { createRequire } from 'node:module'
import type { Element, Root } from 'hast'
import type { Plugin } from 'unified'

/** Options for {@link rehypeHyphenate}. */
export interface HyphenateOptions {
  /** The text's BCP 47 language tag (`en-GB`, `de`, …): picks the patterns. */
  readonly lang: string
  /** Shortest word that is hyphenated (default 6 letters). */
  readonly minWordLength?: number
  /** Fewest letters left before a break (default 2). */
  readonly leftMin?: number
  /** Fewest letters carried after a break (default 3). */
  readonly rightMin?: number
}

/** The soft hyphen: invisible unless the line breaks there (CSS `hyphens: manual`). */
export const softHyphen = '\u00AD'

type Hyphenator = (word: string) => string
type CreateHyphenator = (patterns: unknown, options: { html: boolean; hyphenChar: string; minWordLength: number }) => Hyphenator

const require = createRequire(import.meta.url)

// A language's full tag or primary subtag → the `hyphen` package's pattern file, where the names differ.
const patternNames: Readonly<Record<string, string>> = {
  en: 'en-us',
  'en-us': 'en-us',
  'en-gb': 'en-gb',
  'en-au': 'en-gb',
  'en-nz': 'en-gb',
  'en-ie': 'en-gb',
  'en-za': 'en-gb',
  'en-in': 'en-gb',
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

// Text in these elements is not running prose: code, URLs and headings stay whole.
const skippedTags = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'script', 'style', 'svg', 'math', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'title'])

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
      hyphenators.set(tag, patternName ? createWordHyphenator(patternName, options) : undefined)
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
const skippedClasses = ['no-hyphens', 'url', 'line-block', 'verse', 'poem', 'crossref']

function skipElement(node: Element): boolean {
  if (skippedTags.has(node.tagName)) return true
  const className = node.properties['className']
  return Array.isArray(className) && skippedClasses.some((name) => className.includes(name))
}

/** Hyphenate one word with the language's patterns, keeping `leftMin` and `rightMin` letters around each break. */
function createWordHyphenator(patternName: string, options: HyphenateOptions): Hyphenator {
  const createHyphenator = require('hyphen/hyphen.js') as CreateHyphenator
  const minWordLength = options.minWordLength ?? 6
  const leftMin = options.leftMin ?? 2
  const rightMin = options.rightMin ?? 3
  const patterned = createHyphenator(require(`hyphen/patterns/${patternName}.js`), { html: false, hyphenChar: softHyphen, minWordLength })
  const cache = new Map<string, string>()
  return (word) => {
    let result = cache.get(word)
    if (result === undefined) {
      // Acronyms and short words stay whole.
      if (word.length < minWordLength || word === word.toUpperCase()) {
        cache.set(word, word)
        return word
      }
      const parts = patterned(word).split(softHyphen)
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

export default rehypeHyphenate
