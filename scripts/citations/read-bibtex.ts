import { type CslItem, plugins } from '@citation-js/core'
import '@citation-js/plugin-bibtex'
import type { VFile } from 'vfile'
import { pointLocator } from './point-locator.ts'

/** One entry read from a bibliography file, with where it starts. */
export interface ParsedEntry {
  readonly key: string | undefined
  readonly item: CslItem
  /** Character offset of the entry in its file. */
  readonly offset: number | undefined
}

/** A top-level `@type{…}` block of a `.bib` file. */
interface Chunk {
  readonly offset: number
  readonly text: string
  readonly type: string
  readonly key: string
}

const entryStart = /^[ \t]*@/gm
const header = /^\s*@\s*([A-Za-z]+)\s*[{(]\s*([^,\s{}()]*)/

/**
 * Read a BibTeX (`.bibtex`) or BibLaTeX (`.bib`) file with citation-js. Its
 * parser stops at the first error, so on failure each entry is parsed on its
 * own: every broken entry is reported (file:line, `bibliography-syntax`) and
 * the others are still read.
 */
export function readBibtex(file: VFile, dialect: 'bibtex' | 'biblatex', englishTitles: boolean): ParsedEntry[] {
  // Pandoc converts English titles to sentence case, keeping {Braced} words, so
  // styles that want sentence case (APA) get it; citation-js does the same
  // under this setting (https://pandoc.org/MANUAL.html#capitalization-in-titles).
  plugins.config.get('@bibtex').parse.sentenceCase = englishTitles ? 'english' : 'never'
  const text = String(file.value)
  const chunks = splitChunks(text)
  const entries = chunks.filter((chunk) => !/^(string|preamble|comment)$/i.test(chunk.type))
  // Entries by key, in file order: a duplicated key gets each entry's own line.
  const offsets = new Map<string, number[]>()
  for (const entry of entries) offsets.set(entry.key, [...(offsets.get(entry.key) ?? []), entry.offset])
  try {
    return parse(text, dialect).map((item) => ({ key: item.id, item, offset: offsets.get(item.id)?.shift() }))
  } catch {
    // Fall through: find the broken entries one by one.
  }
  const macros = chunks.filter((chunk) => /^string$/i.test(chunk.type)).map((chunk) => chunk.text)
  const prelude = macros.length > 0 ? `${macros.join('\n')}\n` : ''
  const preludeLines = prelude.split('\n').length - 1
  const locate = pointLocator(text)
  const result: ParsedEntry[] = []
  for (const entry of entries) {
    try {
      for (const item of parse(prelude + entry.text, dialect)) result.push({ key: item.id, item, offset: entry.offset })
    } catch (error) {
      const start = locate(entry.offset + entry.text.search(/@/))
      const detail = describeSyntaxError(error, start.line - 1 - preludeLines)
      const name = entry.key ? `entry \`${entry.key}\`` : `this \`@${entry.type}\` entry`
      const message = file.message(
        `Cannot read ${name} in ${file.basename}: ${detail}. Check its braces, the comma after the key and between fields, and the \`=\` in each field; the entry is left out`,
        { place: start, ruleId: 'bibliography-syntax', source: 'samizdat' },
      )
      message.fatal = true
    }
  }
  return result
}

function parse(text: string, dialect: 'bibtex' | 'biblatex'): CslItem[] {
  const items = plugins.input.chain(text, { forceType: `@${dialect}/text`, target: '@csl/list+object', generateGraph: false })
  return (items as CslItem[]).map((item) => ({ ...item, id: String(item.id), ...shortTitle(item) }))
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

/** Split a `.bib` file at each `@` that begins a line (BibTeX managers write one entry per block). */
function splitChunks(text: string): Chunk[] {
  const starts = [...text.matchAll(entryStart)].map((match) => match.index)
  return starts.map((offset, index) => {
    const chunkText = text.slice(offset, starts[index + 1] ?? text.length)
    const match = header.exec(chunkText)
    return { offset, text: chunkText, type: match?.[1] ?? '', key: match?.[2] ?? '' }
  })
}

// citation-js's lexer token names, as the characters a user types.
const tokenNames: Record<string, string> = {
  lbrace: '`{`',
  rbrace: '`}`',
  comma: '`,`',
  equals: '`=`',
  quote: '`"`',
  label: 'a key',
  identifier: 'a field name',
  text: 'text',
}

/** citation-js reports `expected "comma", got "label" at line 2 col 3:` plus a code frame; keep the gist, with the file's line. */
function describeSyntaxError(error: unknown, lineOffset: number): string {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
  const match = /^(.*?) at line (\d+) col (\d+):?$/.exec(first)
  if (!match) return first.replace(/:$/, '')
  const [, what, line, column] = match
  const got = what!.replace(/got EOF/, 'reached the end of the entry').replace(/"(\w+)"/g, (_, token: string) => tokenNames[token] ?? `"${token}"`)
  return `${got} (line ${Number(line) + lineOffset}, column ${column})`
}
