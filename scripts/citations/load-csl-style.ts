import { createHash } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ResolvedBook } from '../config/resolve-book.ts'
import { failFile } from '../diagnostics/fail.ts'
import { quotesForLang } from '../lib/quotes-for-lang.ts'
import { bookFile, bookYamlPlace } from './book-yaml-place.ts'
import { withBookQuotes } from './locale-quotes.ts'

/** A CSL style ready for citeproc, with the locale for the book's language. */
export interface CslStyle {
  /** Name to register the style under: unique per style and locale text, so two never share an engine. */
  readonly id: string
  readonly title: string
  readonly xml: string
  readonly path: string
  /** `class="note"`: citations become footnotes (https://docs.citationstyles.org/en/stable/specification.html#style). */
  readonly isNoteStyle: boolean
  /** The style collapses citation numbers (`[1–3]`), which per-cite link markers would prevent. */
  readonly collapsesNumbers: boolean
  /** The style collapses cites at all (numbers, or years and year suffixes: `Smith 2000a–e`), which per-cite link markers would prevent. */
  readonly collapses: boolean
  /** The `prefix` and `suffix` of the citation layout (`(` and `)`, or `.` after a note). */
  readonly citationAffixes: { readonly prefix: string; readonly suffix: string }
  readonly locale: CslLocale
}

/** A CSL locale file (terms, date formats). */
export interface CslLocale {
  /** The locale's tag, e.g. `en-GB`. */
  readonly lang: string
  readonly xml: string
  /** No locale matched the book's language, so this is `en-US`. */
  readonly isFallback: boolean
}

/** Styles shipped with samizdat (see styles/csl/README.md). */
export const bundledStylesDir = fileURLToPath(new URL('../../styles/csl/', import.meta.url))
const bundledLocalesDir = path.join(bundledStylesDir, 'locales')
const systemStylesDir = '/usr/share/citation-style-language/styles'
const systemLocalesDir = '/usr/share/citation-style-language/locales'
const aliases: Record<string, string> = { mla: 'modern-language-association', chicago: 'chicago-note-bibliography' }

/**
 * Load the book's CSL style — a name (`apa`, `chicago-note-bibliography`,
 * bundled or from /usr/share/citation-style-language) or a file path relative
 * to the manuscript — and the CSL locale for the book's `lang`, quoting as
 * the body does (see withBookQuotes). A dependent
 * style is resolved to its independent parent. An unknown style stops the
 * build (`unknown-csl-style`): citations in the wrong style are worse than none.
 */
export async function loadCslStyle(book: Pick<ResolvedBook, 'csl' | 'root' | 'lang' | 'quotes' | 'configFile'>): Promise<CslStyle> {
  const found = findStyle(book.csl, book.root)
  if (!found) fail(book, `Unknown citation style \`${book.csl}\``)
  let xml = await readFile(found, 'utf8')
  let stylePath = found
  const parent = /<link\b[^>]*\brel="independent-parent"[^>]*>/.exec(xml)?.[0]
  if (parent) {
    // A dependent style only names its parent; the parent holds the formatting.
    const parentName = /\bhref="[^"]*\/([^/"]+)"/.exec(parent)?.[1] ?? ''
    const parentPath = findStyle(parentName, book.root)
    if (!parentPath) fail(book, `The style \`${book.csl}\` is a dependent style whose parent \`${parentName}\` is not available`)
    xml = await readFile(parentPath, 'utf8')
    stylePath = parentPath
  }
  // citeproc takes anything that is not XML for JSON and fails with a stack trace: say what the file is not.
  if (!/<style\b[^>]*\bxmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(xml)) {
    fail(book, `\`${path.relative(book.root, stylePath) || stylePath}\` is not a CSL style (no \`<style xmlns="http://purl.org/net/xbiblio/csl">\` in it)`)
  }
  const cslLocale = await loadCslLocale(book.lang)
  // Notes and bibliography quote as the body does (the book's language and its `quotes`).
  const locale = { ...cslLocale, xml: withBookQuotes(cslLocale.xml, quotesForLang(book.lang, book.quotes)) }
  if (locale.isFallback) {
    bookFile(book).message(`No CSL locale for \`lang: ${book.lang}\`: citation terms and dates are in US English`, {
      place: bookYamlPlace(book, 'lang'),
      ruleId: 'unknown-csl-locale',
      source: 'samizdat',
    })
  }
  return cslStyleFromXml(xml, stylePath, locale)
}

/** The facts about a style that samizdat's citation path needs, from its XML (also used by the CSL test-suite runner). */
export function cslStyleFromXml(xml: string, stylePath: string, locale: CslLocale): CslStyle {
  const styleTag = /<style\b[^>]*>/.exec(xml)?.[0] ?? ''
  const citationTag = /<citation\b[^>]*>/.exec(xml)?.[0] ?? ''
  const citationLayout = /<citation\b[\s\S]*?(<layout\b[^>]*>)/.exec(xml)?.[1] ?? ''
  return {
    // citation-js keeps one engine per style id and locale tag: the locale's quotes differ by book.
    id: `samizdat-${createHash('sha1').update(xml).update(locale.xml).digest('hex').slice(0, 12)}`,
    title: /<title>([^<]*)<\/title>/.exec(xml)?.[1] ?? path.basename(stylePath, '.csl'),
    xml,
    path: stylePath,
    isNoteStyle: /\bclass="note"/.test(styleTag),
    collapsesNumbers: /\bcollapse="[^"]*citation-number/.test(citationTag),
    collapses: /\bcollapse="[^"]+"/.test(citationTag),
    citationAffixes: { prefix: attribute(citationLayout, 'prefix'), suffix: attribute(citationLayout, 'suffix') },
    locale,
  }
}

function attribute(tag: string, name: string): string {
  const value = new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? ''
  return value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

/** The style file for a name or a path, or undefined. */
function findStyle(spec: string, root: string): string | undefined {
  if (/[/\\]|\.(csl|xml)$/i.test(spec)) {
    const file = path.resolve(root, spec)
    return existsSync(file) ? file : undefined
  }
  const name = aliases[spec.toLowerCase()] ?? spec.toLowerCase()
  for (const dir of [bundledStylesDir, systemStylesDir]) {
    const file = path.join(dir, `${name}.csl`)
    if (existsSync(file)) return file
  }
  return undefined
}

function fail(book: Pick<ResolvedBook, 'csl' | 'root' | 'configFile'>, what: string): never {
  const bundled = readdirSync(bundledStylesDir)
    .filter((name) => name.endsWith('.csl'))
    .map((name) => `\`${name.slice(0, -4)}\``)
  const system = existsSync(systemStylesDir) ? `, any style in ${systemStylesDir},` : ''
  return failFile(
    bookFile(book),
    `${what}. Use a bundled style (${bundled.join(', ')}, or \`mla\`)${system} or a CSL file: \`csl: ./my-style.csl\` (relative to book.yaml; styles at https://www.zotero.org/styles)`,
    'unknown-csl-style',
    bookYamlPlace(book, 'csl'),
  )
}

/**
 * The CSL locale for a BCP 47 tag: the exact file (`en-GB`), else the
 * language's main dialect (`de` → `de-DE`, `en` → `en-US`), bundled first,
 * then from /usr/share/citation-style-language/locales, else `en-US`.
 */
export async function loadCslLocale(lang: string): Promise<CslLocale> {
  const [language = 'en', region] = lang.split('-')
  const base = language.toLowerCase()
  const wanted = [
    region ? `${base}-${region.toUpperCase()}` : undefined,
    base === 'en' ? 'en-US' : `${base}-${base.toUpperCase()}`,
    base,
  ].filter((tag): tag is string => tag !== undefined)
  const dirs = [bundledLocalesDir, systemLocalesDir].filter((dir) => existsSync(dir)).map((dir) => ({ dir, files: readdirSync(dir) }))
  const read = async (dir: string, tag: string) => ({ lang: tag, xml: await readFile(path.join(dir, `locales-${tag}.xml`), 'utf8'), isFallback: false })
  for (const tag of wanted) {
    for (const { dir, files } of dirs) if (files.includes(`locales-${tag}.xml`)) return read(dir, tag)
  }
  for (const { dir, files } of dirs) {
    const tag = dialectIn(files, base)
    if (tag) return read(dir, tag)
  }
  return { lang: 'en-US', xml: await readFile(path.join(bundledLocalesDir, 'locales-en-US.xml'), 'utf8'), isFallback: true }
}

function dialectIn(files: readonly string[], base: string): string | undefined {
  return files
    .map((file) => /^locales-(.+)\.xml$/.exec(file)?.[1])
    .find((tag) => tag?.toLowerCase().startsWith(`${base}-`))
}
