import type { CslItem } from '@citation-js/core'
import type { BibtexValuedEntry } from '@citation-js/plugin-bibtex/lib/mapping/index.js'
import { babelLanguages, biblatexKeys } from './biblatex-keys.ts'

type Fields = Record<string, unknown>

/**
 * Correct citation-js's CSL for what biblatex prints of the entry (biblatex
 * manual §2; pandoc's BibLaTeX reader where biblatex leaves CSL a choice):
 * `and`-lists as one value, localisation keys as words, `langid` as a BCP 47
 * language, particles by `useprefix`, `eprint` links, `origyear`, `part`,
 * title add-ons, `@manual` and `@periodical`.
 */
export function biblatexToCsl(item: CslItem, entry: BibtexValuedEntry): CslItem {
  const fields = entry.properties
  const result: CslItem = { ...item }
  for (const [name, value] of Object.entries(result)) {
    // biblatex lists (`location = {Durham and London}`) are one CSL string; pandoc joins them with "; ".
    if (Array.isArray(value) && value.every((part) => typeof part === 'string')) result[name] = value.map(keyToText).join('; ')
    else if (typeof value === 'string' && name !== 'title' && value in biblatexKeys) result[name] = keyToText(value)
  }
  setLanguage(result, fields)
  setParticles(result, fields)
  if (entry.type === 'manual') result.type = 'book'
  // A patent's `location` is where it is granted: CSL's jurisdiction.
  if (result.type === 'patent' && result['publisher-place'] !== undefined && result['jurisdiction'] === undefined) {
    result['jurisdiction'] = result['publisher-place']
    delete result['publisher-place']
  }
  if (typeof fields['series'] === 'string' && /^\d+$/.test(fields['series'])) result['collection-title'] = `${ordinal(Number(fields['series']))} series`
  if (typeof result['page'] === 'string') result['page'] = result['page'].replace(/\u2013/g, '-')
  volumeAndPart(result, fields)
  originalDate(result, fields)
  eprintUrl(result, fields)
  titleAddons(result, fields)
  periodicalIssue(result, entry)
  // A `@collection` with a `booktitle` is its own container: printed once.
  if (['book', 'collection'].includes(String(result.type)) && result['container-title'] === result['title']) delete result['container-title']
  return { ...result, ...shortTitle(result) }
}

const keyToText = (value: string): string => biblatexKeys[value] ?? value

/** CSL `language` from `langid` (then `language`), as BCP 47: citeproc title-cases only English items by it. */
function setLanguage(item: CslItem, fields: Fields): void {
  const langid = typeof fields['langid'] === 'string' ? fields['langid'] : undefined
  const languages = fields['language']
  const first = Array.isArray(languages) ? languages[0] : languages
  const name = (langid ?? (typeof first === 'string' ? first : '')).replace(/^lang/, '').toLowerCase()
  const tag = babelLanguages[name] ?? (/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(name) ? name : undefined)
  // `langidopts = {variant=british}` picks the variety (babel's and polyglossia's option).
  const variant = /variant\s*=\s*(\w+)/.exec(String(fields['langidopts'] ?? ''))?.[1]?.toLowerCase()
  if (tag && variant) item['language'] = babelLanguages[variant] ?? tag
  else if (tag) item['language'] = tag
  else delete item['language']
}

interface CslName {
  'non-dropping-particle'?: string
  'dropping-particle'?: string
  [part: string]: unknown
}

/** biblatex's `useprefix` is false unless set: "von Brandt" is cited as "Brandt" and sorted under B (a dropping particle). */
function setParticles(item: CslItem, fields: Fields): void {
  const options = Array.isArray(fields['options']) ? fields['options'].map(String) : []
  if (options.some((option) => /^useprefix(\s*=\s*true)?$/.test(option.trim()))) return
  for (const [variable, names] of Object.entries(item)) {
    if (!Array.isArray(names) || variable === 'keyword') continue
    item[variable] = names.map((name: unknown) => {
      if (!name || typeof name !== 'object' || !('non-dropping-particle' in name)) return name
      const { 'non-dropping-particle': particle, ...rest } = name as CslName
      return { ...rest, 'dropping-particle': particle }
    })
  }
}

/** biblatex prints `volume = 7, part = 2` as "7.2". */
function volumeAndPart(item: CslItem, fields: Fields): void {
  if (fields['part'] === undefined || item['volume'] === undefined) return
  item['volume'] = `${String(item['volume'])}.${String(fields['part'])}`
  delete item['part-number']
}

/** `origyear` (BibTeX-style) as well as `origdate`: "Kullback [1959] 1997". */
function originalDate(item: CslItem, fields: Fields): void {
  const year = fields['origyear']
  if (item['original-date'] === undefined && year !== undefined && /^\d{1,4}$/.test(String(year))) {
    item['original-date'] = { 'date-parts': [[Number(year)]] }
  }
}

// biblatex's eprint handlers (biblatex manual §3.14.7), as pandoc links them.
const eprintLinks: Record<string, (id: string) => string> = {
  arxiv: (id) => `https://arxiv.org/abs/${id}`,
  googlebooks: (id) => `https://books.google.com?id=${id}`,
  jstor: (id) => `https://www.jstor.org/stable/${id}`,
  pubmed: (id) => `https://www.ncbi.nlm.nih.gov/pubmed/${id}`,
  hdl: (id) => `https://hdl.handle.net/${id}`,
}

/** An `eprint` with a known `eprinttype` links the work when it has no `url`. */
function eprintUrl(item: CslItem, fields: Fields): void {
  const type = String(fields['eprinttype'] ?? fields['archiveprefix'] ?? '').toLowerCase()
  const id = fields['eprint']
  const link = eprintLinks[type]
  if (item['URL'] === undefined && link && typeof id === 'string') item['URL'] = link(id.trim())
}

/** `booktitleaddon` and `maintitleaddon` follow their title after a full stop, as biblatex prints them. */
function titleAddons(item: CslItem, fields: Fields): void {
  const addon = fields['booktitleaddon'] ?? fields['maintitleaddon']
  const container = item['container-title']
  if (typeof addon === 'string' && typeof container === 'string' && !container.includes(addon)) item['container-title'] = `${container}. ${addon}`
}

/** A `@periodical` issue with an `issuetitle` is cited like an article: the issue's title in the journal's. */
function periodicalIssue(item: CslItem, entry: BibtexValuedEntry): void {
  const issue = entry.properties['issuetitle']
  if (entry.type !== 'periodical' || typeof issue !== 'string') return
  const subtitle = entry.properties['issuesubtitle']
  item['container-title'] = item['title']
  item['title'] = typeof subtitle === 'string' ? `${issue}: ${subtitle}` : issue
  item.type = 'article-journal'
  delete item['volume-title']
}

function ordinal(value: number): string {
  const tens = value % 100
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][value % 10] ?? 'th')
  return `${value}${suffix}`
}

/**
 * Pandoc's BibLaTeX reader takes the title up to its colon as the short title
 * (notes cite "Daniels, *The Conscience of the Revolution*"), unless the entry
 * has a `shorttitle`; citation-js leaves `title-short` unset.
 */
function shortTitle(item: CslItem): { 'title-short'?: string } {
  const title = item['title']
  if (item['title-short'] !== undefined || typeof title !== 'string') return {}
  const colon = title.search(/:\s/)
  return colon > 0 ? { 'title-short': title.slice(0, colon) } : {}
}
