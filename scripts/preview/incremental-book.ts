import { readFile } from 'node:fs/promises'
import type { Root } from 'mdast'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { MdastChapter } from '../lib/book-model.ts'
import { type BookOverrides, type ResolvedBook, resolveBook } from '../config/resolve-book.ts'
import { BuildError } from '../diagnostics/fail.ts'
import type { LoadedBook } from '../read/manuscript-to-book-tree.ts'
import { manuscriptToMdast } from '../read/manuscript-to-mdast.ts'
import { mdastToBookTree } from '../read/manuscript-to-book-tree.ts'

/** A chapter as parsed, kept between rebuilds. */
interface ParsedChapter {
  readonly bytes: Buffer
  readonly chapter: MdastChapter
  /** The parser's own messages (front matter, encoding), to replay on each rebuild. */
  readonly messages: readonly VFileMessage[]
}

/** One rebuild's book, with what it re-parsed and how long each half took. */
export interface IncrementalLoad extends LoadedBook {
  /** Chapter paths parsed again this time (all of them on the first load). */
  readonly reparsed: readonly string[]
  /** Milliseconds: `resolve` (book.yaml), `parse` (changed chapters), `book` (citations, hast, links, contents), `cite` (the citations alone). */
  readonly timings: { readonly resolve: number; readonly parse: number; readonly book: number; readonly cite: number }
}

/** The preview's front half: keeps parsed chapters in memory and re-parses only what changed. */
export interface IncrementalBook {
  load(): Promise<IncrementalLoad>
}

/**
 * Load the book in `dir` again and again, re-parsing only the chapter files
 * whose bytes changed. Everything book-wide (citations, whose ibid. and
 * numbering run across chapters; heading ids; section numbers; links; the
 * contents) runs over all chapters every time, on fresh copies of the
 * cached trees, so a rebuild gives the same book a full build would.
 */
export function createIncrementalBook(dir: string, overrides: BookOverrides = {}): IncrementalBook {
  const cache = new Map<string, ParsedChapter>()
  let configText: string | undefined
  return {
    async load() {
      let start = performance.now()
      const book = await resolveBook(dir, overrides)
      const resolveMs = performance.now() - start
      start = performance.now()
      // book.yaml sets the parser's language (quotes): a change there invalidates every parse.
      const text = book.configFile ? String(book.configFile.value) : undefined
      if (text !== configText) cache.clear()
      configText = text
      const reparsed = await refresh(book, cache)
      const chapters = book.chapters.map((chapterPath) => fresh(cache.get(chapterPath)!))
      const parseMs = performance.now() - start
      start = performance.now()
      const loaded = await mdastToBookTree(book, chapters)
      return { ...loaded, reparsed, timings: { resolve: resolveMs, parse: parseMs, book: performance.now() - start, cite: loaded.citeMs } }
    },
  }
}

/** Parse the chapters whose bytes changed (all of them when one is new); returns their paths. */
async function refresh(book: ResolvedBook, cache: Map<string, ParsedChapter>): Promise<string[]> {
  const current = new Map<string, Buffer>()
  for (const chapterPath of book.chapters) current.set(chapterPath, await readFile(chapterPath).catch(() => Buffer.alloc(0)))
  for (const cached of cache.keys()) if (!current.has(cached)) cache.delete(cached)
  const known = book.chapters.every((chapterPath, index) => cache.get(chapterPath)?.chapter.index === index)
  const changed = book.chapters.filter((chapterPath) => !cache.get(chapterPath)?.bytes.equals(current.get(chapterPath)!))
  if (changed.length === 0) return []
  // Chapter ids are made unique across the whole list, so a new or moved chapter means a full parse.
  if (known) {
    try {
      const parsed = await manuscriptToMdast({ ...book, chapters: changed })
      for (const [position, chapterPath] of changed.entries()) {
        const old = cache.get(chapterPath)!.chapter
        store(cache, chapterPath, current.get(chapterPath)!, { ...parsed[position]!, id: old.id, index: old.index })
      }
      return changed
    } catch (error) {
      // A partial parse can fail where the whole book would not (every *changed* chapter empty): parse all.
      if (!(error instanceof BuildError)) throw error
    }
  }
  cache.clear()
  const parsed = await manuscriptToMdast(book)
  for (const chapter of parsed) store(cache, book.chapters[chapter.index]!, current.get(book.chapters[chapter.index]!)!, chapter)
  return [...book.chapters]
}

function store(cache: Map<string, ParsedChapter>, chapterPath: string, bytes: Buffer, chapter: MdastChapter): void {
  cache.set(chapterPath, { bytes, chapter, messages: [...chapter.file.messages] })
}

/** A copy the later stages may change freely: a new VFile with only the parser's messages, a cloned tree. */
function fresh({ chapter, messages }: ParsedChapter): MdastChapter {
  const source = chapter.file
  const file = new VFile({ path: source.path, cwd: source.cwd, value: source.value })
  file.data = { ...source.data }
  file.messages.push(...messages)
  return { id: chapter.id, index: chapter.index, file, mdast: structuredClone(chapter.mdast) as Root }
}
