/** A locator split off a cite's suffix: `pp. 33–35` → label `page`, locator `33–35`. */
export interface Locator {
  readonly label: string | undefined
  readonly locator: string | undefined
  /** What follows the locator, spacing kept (`, and passim`). */
  readonly rest: string
}

/** Locator terms (lower case) to CSL locator labels. */
export type LocatorTerms = ReadonlyMap<string, string>

// CSL's locator labels (https://docs.citationstyles.org/en/stable/specification.html#locators).
const labels = [
  'book', 'chapter', 'column', 'figure', 'folio', 'issue', 'line', 'note', 'opus',
  'page', 'paragraph', 'part', 'section', 'sub-verbo', 'verse', 'volume',
]

// The abbreviations pandoc understands in any language (its English locale terms).
const english: Record<string, readonly string[]> = {
  book: ['bk.', 'bks.', 'book', 'books'],
  chapter: ['chap.', 'chaps.', 'ch.', 'chs.', 'chapter', 'chapters'],
  column: ['col.', 'cols.', 'column', 'columns'],
  figure: ['fig.', 'figs.', 'figure', 'figures'],
  folio: ['fol.', 'fols.', 'folio', 'folios'],
  issue: ['no.', 'nos.', 'number', 'numbers', 'issue', 'issues'],
  line: ['l.', 'll.', 'line', 'lines'],
  note: ['n.', 'nn.', 'note', 'notes'],
  opus: ['op.', 'opp.', 'opus', 'opera'],
  page: ['p.', 'pp.', 'pg.', 'pgs.', 'page', 'pages'],
  paragraph: ['para.', 'paras.', 'paragraph', 'paragraphs', '¶', '¶¶'],
  part: ['pt.', 'pts.', 'part', 'parts'],
  section: ['sec.', 'secs.', 'section', 'sections', '§', '§§'],
  'sub-verbo': ['s.v.', 's.vv.', 'sub verbo', 'sub verbis'],
  verse: ['v.', 'vv.', 'verse', 'verses'],
  volume: ['vol.', 'vols.', 'volume', 'volumes'],
}

/** The locator terms of a CSL locale (`<term name="page" form="short"><single>S.</single>`), plus English ones. */
export function locatorTerms(localeXml: string): LocatorTerms {
  const terms = new Map<string, string>()
  for (const [label, words] of Object.entries(english)) for (const word of words) terms.set(word, label)
  for (const match of localeXml.matchAll(/<term name="([a-z-]+)"(?: form="(?:long|short|symbol)")?>([\s\S]*?)<\/term>/g)) {
    const [, label, body] = match
    if (!label || !labels.includes(label)) continue
    const words = body!.includes('<') ? [...body!.matchAll(/<(?:single|multiple)>([^<]+)</g)].map((word) => word[1]!) : [body!]
    for (const word of words) if (word.trim() !== '' && !terms.has(word.trim().toLowerCase())) terms.set(word.trim().toLowerCase(), label)
  }
  return terms
}

const roman = '(?:m{0,4}(?:c[md]|d?c{0,3})(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3}))'
const number = `(?:\\d+(?:[.:]\\d+)*[a-z]?|(?=[ivxlcdm])${roman}(?![\\p{L}])|(?=[IVXLCDM])${roman.toUpperCase()}(?![\\p{L}]))`
const range = `${number}(?:\\s*[-–—]+\\s*${number})?`
const firstNumbered = new RegExp(`^${range}`, 'u')
const firstAny = /^(?:[^\s,;]+(?:\s*[-–—]+\s*[^\s,;]+)?)/u
const more = new RegExp(`^\\s*(?:,|&|and)\\s*${range}`, 'u')

/**
 * Split a cite's suffix as pandoc does: after an optional comma, a locator
 * term (`p.`, `chap.`, `§` … in English or the book's language) and its value,
 * or a bare number, which is a page; `{braces}` delimit an odd locator.
 * Anything else is suffix (https://pandoc.org/MANUAL.html#citation-syntax).
 */
export function parseLocator(suffix: string, terms: LocatorTerms): Locator {
  const none: Locator = { label: undefined, locator: undefined, rest: suffix }
  const text = suffix.replace(/^\s*,?\s*/, '')
  if (text.startsWith('{')) {
    const close = text.indexOf('}')
    if (close === -1) return none
    const inner = text.slice(1, close).trim()
    const [label, value] = splitLabel(inner, terms)
    return { label: label ?? 'page', locator: value.trim(), rest: text.slice(close + 1) }
  }
  const [label, value] = splitLabel(text, terms)
  const first = (label ? firstAny : firstNumbered).exec(value)
  if (!first) return none
  let end = first[0].length
  for (let next = more.exec(value.slice(end)); next; next = more.exec(value.slice(end))) end += next[0].length
  return { label: label ?? 'page', locator: value.slice(0, end), rest: value.slice(end) }
}

/** A leading locator term and the text after it. */
function splitLabel(text: string, terms: LocatorTerms): [string | undefined, string] {
  const lower = text.toLowerCase()
  let best: string | undefined
  for (const term of terms.keys()) {
    if (!lower.startsWith(term) || (best && best.length >= term.length)) continue
    const next = text[term.length]
    // A word term needs a space after it (`page 3`); an abbreviation (`p.3`) or symbol (`§3`) need not.
    if (/\p{L}$/u.test(term) ? next === undefined || /\s/.test(next) : true) best = term
  }
  return best ? [terms.get(best), text.slice(best.length).trimStart()] : [undefined, text]
}
