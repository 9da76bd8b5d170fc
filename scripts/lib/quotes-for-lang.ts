import { createRequire } from 'node:module'

/**
 * A language's punctuation for smart typography: what straight quotes become
 * (`"` the primary quotes, `'` the inner ones), and its spacing.
 */
export interface QuoteStyle {
  /** The CLDR locale the marks come from (`en-GB`, `fr`, `und` for an unknown language). */
  readonly locale: string
  /** `openingQuotes.double`: what an opening `"` becomes; `.single`: an opening `'`. */
  readonly openingQuotes: { readonly double: string; readonly single: string }
  readonly closingQuotes: { readonly double: string; readonly single: string }
  /**
   * French spacing: a narrow no-break space inside « » and before `; ! ?`,
   * a no-break space before `:` (Imprimerie nationale's rules).
   */
  readonly frenchSpacing: boolean
  /** Words that start with an apostrophe in this language (`'tis`, Dutch `'s avonds`), lower case. */
  readonly elisions: ReadonlySet<string>
}

/**
 * A book's choice among its language's quotes (`quotes` in book.yaml):
 * `double` or `single` marks first, or the four marks written out
 * (opening and closing primary, then inner: `«»“”`).
 */
export type QuotePreference = 'double' | 'single' | string

/** The four delimiters of a CLDR locale (https://unicode.org/reports/tr35/tr35-general.html#Delimiter_Elements). */
interface Delimiters {
  readonly quotationStart: string
  readonly quotationEnd: string
  readonly alternateQuotationStart: string
  readonly alternateQuotationEnd: string
}

const require = createRequire(import.meta.url)

// British book typography (New Hart's Rules 9.2, and the CSL en-GB locale that formats the
// notes) puts single quotes first; CLDR's en-GB data follows general British usage, double first.
const singleFirst = new Set(['en-gb'])

// Elisions that open a word: the apostrophe never opens a quotation there.
const elisionsByLanguage: Readonly<Record<string, readonly string[]>> = {
  en: ['tis', 'twas', 'twere', 'twill', 'em', 'cause', 'til', 'n', 'round', 'bout', 'ol'],
  nl: ['s', 't', 'k', 'n', 'm', 'r'],
  de: ['s', 'n', 'ne', 'nen'],
  af: ['n'],
}

const singleMarks = /^[‘’‚‛‹›'「」]$/u
const cache = new Map<string, QuoteStyle>()

/**
 * The punctuation of a BCP 47 tag, from the Unicode CLDR `delimiters` data
 * (the `cldr-misc-full` package): the tag itself, else without its last
 * subtag (`de-CH-1996` → `de-CH` → `de`), else CLDR's root locale. A
 * `preference` reorders or replaces the marks (see {@link QuotePreference}).
 */
export function quotesForLang(lang: string, preference?: QuotePreference): QuoteStyle {
  const key = `${lang.toLowerCase()}\0${preference ?? ''}`
  let style = cache.get(key)
  if (!style) {
    style = resolveStyle(lang, preference)
    cache.set(key, style)
  }
  return style
}

/** The CLDR locale whose delimiters a tag uses. */
export function cldrLocaleFor(lang: string): string {
  const parts = lang.split('-').filter(Boolean)
  for (let length = parts.length; length > 0; length--) {
    const tag = cldrCase(parts.slice(0, length))
    if (readDelimiters(tag)) return tag
  }
  return 'und'
}

function resolveStyle(lang: string, preference: QuotePreference | undefined): QuoteStyle {
  const locale = cldrLocaleFor(lang)
  const cldr = readDelimiters(locale)!
  let marks: [string, string, string, string] = [cldr.quotationStart, cldr.quotationEnd, cldr.alternateQuotationStart, cldr.alternateQuotationEnd]
  const swapped: [string, string, string, string] = [marks[2], marks[3], marks[0], marks[1]]
  const wanted = preference ?? (singleFirst.has(lang.toLowerCase()) ? 'single' : undefined)
  if (wanted === 'single' && !singleMarks.test(marks[0]) && singleMarks.test(marks[2])) marks = swapped
  else if (wanted === 'double' && singleMarks.test(marks[0]) && !singleMarks.test(marks[2])) marks = swapped
  else if (wanted && wanted !== 'single' && wanted !== 'double') marks = [...wanted] as [string, string, string, string]
  const language = locale.split('-')[0]!.toLowerCase()
  // Swiss French sets no space before punctuation and none inside guillemets.
  const frenchSpacing = language === 'fr' && !/^fr-ch\b/i.test(lang)
  const [open, close, innerOpen, innerClose] = frenchSpacing ? spaced(marks) : marks
  return {
    locale,
    openingQuotes: { double: open, single: innerOpen },
    closingQuotes: { double: close, single: innerClose },
    frenchSpacing,
    elisions: new Set(elisionsByLanguage[language] ?? []),
  }
}

/** Guillemets with the narrow no-break space French puts inside them. */
function spaced(marks: readonly string[]): [string, string, string, string] {
  const [open, close, innerOpen, innerClose] = marks.map((mark) => (/^[«‹]$/.test(mark) ? `${mark}\u202F` : /^[»›]$/.test(mark) ? `\u202F${mark}` : mark))
  return [open!, close!, innerOpen!, innerClose!]
}

/** `en-gb` → `en-GB`, `sr-latn` → `sr-Latn`: CLDR's folder names. */
function cldrCase(parts: readonly string[]): string {
  return parts
    .map((part, index) => (index === 0 ? part.toLowerCase() : part.length === 4 ? part[0]!.toUpperCase() + part.slice(1).toLowerCase() : part.length === 2 ? part.toUpperCase() : part))
    .join('-')
}

function readDelimiters(tag: string): Delimiters | undefined {
  if (!/^[A-Za-z0-9-]+$/.test(tag)) return undefined
  try {
    const data = require(`cldr-misc-full/main/${tag}/delimiters.json`) as { main: Record<string, { delimiters: Delimiters }> }
    return data.main[tag]?.delimiters
  } catch {
    return undefined
  }
}
