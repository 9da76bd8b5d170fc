import type { CslItem } from '@citation-js/core'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Point } from 'unist'
import { VFile } from 'vfile'
import type { ResolvedBook } from '../config/resolve-book.ts'
import { bookFile, bookYamlPlace } from './book-yaml-place.ts'
import { pointLocator } from './point-locator.ts'
import { type ParsedEntry, readBibtex } from './read-bibtex.ts'
import { readCslJson, readCslYaml } from './read-csl-data.ts'
import { readRis } from './read-ris.ts'

/** One work of the book's bibliography. */
export interface Reference {
  readonly key: string
  /** The work as CSL-JSON, `id` = key. */
  readonly item: CslItem
  /** The bibliography file it came from, for messages about it. */
  readonly file: VFile
  readonly place: Point | undefined
}

/** Every work of the book's bibliography files, by citation key. */
export interface References {
  readonly byKey: ReadonlyMap<string, Reference>
  /** One file per bibliography file read, carrying its messages. */
  readonly files: readonly VFile[]
  /** Keys of entries that could not be read (each has a warning at its place), so a citation of one says so. */
  readonly unreadable: ReadonlyMap<string, { readonly file: VFile; readonly place: Point | undefined }>
}

const readers: Record<string, (file: VFile, englishTitles: boolean) => ParsedEntry[]> = {
  '.bib': (file, english) => readBibtex(file, 'biblatex', english),
  '.bibtex': (file, english) => readBibtex(file, 'bibtex', english),
  '.json': readCslJson,
  '.yaml': readCslYaml,
  '.yml': readCslYaml,
  '.ris': readRis,
}

/**
 * Read the book's bibliography files (BibLaTeX `.bib`, BibTeX `.bibtex`,
 * CSL-JSON `.json`, CSL-YAML `.yaml`, RIS `.ris`) once. Problems are messages
 * on the bibliography file (or `book.yaml` for a missing file); the build goes on
 * with the entries that could be read.
 */
export async function loadReferences(book: Pick<ResolvedBook, 'bibliography' | 'configFile' | 'root' | 'lang'>): Promise<References> {
  const byKey = new Map<string, Reference>()
  const files: VFile[] = []
  const unreadable = new Map<string, { file: VFile; place: Point | undefined }>()
  const englishTitles = /^en\b/i.test(book.lang)
  for (const filePath of book.bibliography) {
    const extension = path.extname(filePath).toLowerCase()
    const reader = readers[extension]
    if (!existsSync(filePath) || !reader) {
      const reason = reader
        ? `Bibliography file \`${path.relative(book.root, filePath)}\` not found (listed under \`bibliography\` in book.yaml); check the path, relative to the manuscript folder`
        : `Cannot read bibliography \`${path.basename(filePath)}\`: use a .bib (BibLaTeX), .bibtex, .json (CSL-JSON), .yaml (CSL-YAML) or .ris file`
      const message = bookFile(book).message(reason, {
        place: bookYamlPlace(book, 'bibliography', filePath),
        ruleId: reader ? 'missing-bibliography' : 'bibliography-syntax',
        source: 'samizdat',
      })
      message.fatal = true
      continue
    }
    const file = new VFile({ path: filePath, cwd: book.root, value: await readFile(filePath, 'utf8') })
    files.push(file)
    const locate = pointLocator(String(file.value))
    for (const entry of reader(file, englishTitles)) {
      const place = entry.offset === undefined ? undefined : locate(entry.offset)
      if (entry.unreadable) {
        if (entry.key && !byKey.has(entry.key)) unreadable.set(entry.key, { file, place })
        continue
      }
      const key = entry.key ?? inventKey(entry.item, byKey, file, place)
      const existing = byKey.get(key)
      if (existing) {
        const where = existing.file === file ? '' : ` in ${existing.file.basename}`
        const line = existing.place ? ` (line ${existing.place.line}${where})` : where
        file.message(`Duplicate citation key \`${key}\`: the first entry${line} is used and this one is ignored; rename one of them`, {
          ...(place ? { place } : {}),
          ruleId: 'bibliography-syntax',
          source: 'samizdat',
        })
        continue
      }
      byKey.set(key, { key, item: { ...entry.item, id: key }, file, place })
    }
  }
  for (const key of byKey.keys()) unreadable.delete(key)
  return { byKey, files, unreadable }
}

/** RIS and CSL records may lack an ID; give them pandoc-like `family+year` keys and say which. */
function inventKey(item: CslItem, taken: ReadonlyMap<string, Reference>, file: VFile, place: Point | undefined): string {
  const names = (item['author'] ?? item['editor']) as { family?: string; literal?: string }[] | undefined
  const name = names?.[0]?.family ?? names?.[0]?.literal ?? 'anonymous'
  const year = (item['issued'] as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0]?.[0] ?? ''
  const base = `${name}${year}`
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase()
  let key = base
  for (let suffix = 0; taken.has(key); suffix += 1) key = `${base}${String.fromCharCode(97 + (suffix % 26))}${suffix >= 26 ? suffix : ''}`
  file.message(`This entry has no ID, so samizdat calls it \`@${key}\`; give it an ID (RIS: \`ID  - ${key}\`; CSL: \`"id": "${key}"\`) to keep that key stable`, {
    ...(place ? { place } : {}),
    ruleId: 'missing-citation-key',
    source: 'samizdat',
  })
  return key
}
