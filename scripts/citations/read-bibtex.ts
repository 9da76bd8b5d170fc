import { type CslItem, plugins } from '@citation-js/core'
import '@citation-js/plugin-bibtex'
import { type BibtexRawEntry, parse as parseBibFile } from '@citation-js/plugin-bibtex/lib/input/file.js'
import { type BibtexValuedEntry, parse as mapBiblatex, parseBibtex as mapBibtex } from '@citation-js/plugin-bibtex/lib/mapping/index.js'
import type { VFile } from 'vfile'
import { biblatexToCsl } from './biblatex-to-csl.ts'
import { type BibChunk, fieldOffsets, splitChunks } from './bibtex-chunks.ts'
import { describeSyntaxError } from './describe-bibtex-error.ts'
import { readFieldValues } from './read-field-values.ts'
import { pointLocator } from './point-locator.ts'

/** One entry read from a bibliography file, with where it starts. */
export interface ParsedEntry {
  readonly key: string | undefined
  readonly item: CslItem
  /** Character offset of the entry in its file. */
  readonly offset: number | undefined
  /** The entry could not be read (a warning says why): only its key and place are known. */
  readonly unreadable?: true
}

/**
 * Read a BibTeX (`.bibtex`) or BibLaTeX (`.bib`) file with citation-js's
 * stages, one at a time, so that a problem costs as little as biblatex would
 * let it: a field that cannot be read is a warning (file:line of the field)
 * and the rest of its entry is kept; an entry that cannot be read is a
 * warning and is left out; only a file with no readable entry is an error.
 */
export function readBibtex(file: VFile, dialect: 'bibtex' | 'biblatex', englishTitles: boolean): ParsedEntry[] {
  // Pandoc converts English titles to sentence case, keeping {Braced} words, so
  // styles that want sentence case (APA) get it; citation-js does the same
  // under this setting, by each entry's `langid`/`language`
  // (https://pandoc.org/MANUAL.html#capitalization-in-titles).
  plugins.config.get('@bibtex').parse.sentenceCase = englishTitles ? 'english' : 'never'
  const text = String(file.value)
  const chunks = splitChunks(text)
  const dataChunks = chunks.filter((chunk) => !/^(string|preamble|comment)$/i.test(chunk.type))
  const failed: BibChunk[] = []
  const raw = readEntries(file, text, chunks, dataChunks, failed)
  const locate = pointLocator(text)
  // Each entry's chunk, by key in file order (a duplicated key keeps each entry's own line).
  const chunkQueue = new Map<string, BibChunk[]>()
  for (const chunk of dataChunks) chunkQueue.set(chunk.key, [...(chunkQueue.get(chunk.key) ?? []), chunk])
  const placed = raw.map((entry) => ({ entry, chunk: chunkQueue.get(entry.label)?.shift() }))
  const valued = placed.map(({ entry, chunk }) => readFieldValues(entry, file, (field) => fieldPlace(chunk, field, locate)))
  const items = mapEntries(valued, dialect)
  const read = items.flatMap((item, index) =>
    // An @xdata entry only lends fields to others (biblatex manual §2.1.1): never cited, never listed.
    valued[index]!.type === 'xdata'
      ? []
      : [{ key: String(item.id), item: biblatexToCsl({ ...item, id: String(item.id) }, valued[index]!), offset: placed[index]!.chunk?.offset }],
  )
  const left = failed.filter((chunk) => chunk.key).map((chunk) => ({ key: chunk.key, item: { id: chunk.key }, offset: chunk.offset, unreadable: true as const }))
  return [...read, ...left]
}

/** The file's entries as written; on a syntax error, entry by entry, each broken one a warning. */
function readEntries(file: VFile, text: string, chunks: readonly BibChunk[], dataChunks: readonly BibChunk[], failed: BibChunk[]): BibtexRawEntry[] {
  try {
    return parseBibFile(text)
  } catch {
    // Fall through: find the broken entries one by one.
  }
  const macros = chunks.filter((chunk) => /^string$/i.test(chunk.type)).map((chunk) => chunk.text)
  const prelude = macros.length > 0 ? `${macros.join('\n')}\n` : ''
  const preludeLines = prelude.split('\n').length - 1
  const locate = pointLocator(text)
  const result: BibtexRawEntry[] = []
  for (const chunk of dataChunks) {
    try {
      result.push(...parseBibFile(prelude + chunk.text))
    } catch (error) {
      failed.push(chunk)
      const start = locate(chunk.offset + chunk.text.search(/@/))
      const detail = describeSyntaxError(error, start.line - 1 - preludeLines)
      const name = chunk.key ? `entry \`${chunk.key}\`` : `this \`@${chunk.type}\` entry`
      file.message(
        `Cannot read ${name} in ${file.basename}: ${detail}. Check its braces, the comma after the key and between fields, and the \`=\` in each field; the entry is left out`,
        { place: start, ruleId: 'bibliography-syntax', source: 'samizdat' },
      )
    }
  }
  // Only a file with nothing readable stops the build.
  if (result.length === 0 && failed.length > 0) for (const message of file.messages) if (message.ruleId === 'bibliography-syntax') message.fatal = true
  return result
}

/** The place of a field (or of its entry, for a field not found) in the file. */
function fieldPlace(chunk: BibChunk | undefined, field: string, locate: ReturnType<typeof pointLocator>) {
  if (!chunk) return undefined
  const offset = fieldOffsets(chunk).get(field)
  return locate(chunk.offset + (offset ?? chunk.text.search(/@/)))
}

/** BibLaTeX → CSL with citation-js's mapping (crossref and xdata resolved across the file). */
function mapEntries(entries: BibtexValuedEntry[], dialect: 'bibtex' | 'biblatex'): CslItem[] {
  const map = dialect === 'biblatex' ? mapBiblatex : mapBibtex
  return map(entries)
}
