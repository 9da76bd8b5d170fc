import type { Element } from 'hast'
import type { VFile } from 'vfile'
import type { BookTree, MdastChapter } from '../lib/book-model.ts'
import { buildToc } from './build-toc.ts'
import { checkInternalLinks } from './check-internal-links.ts'
import { type BookOverrides, type ResolvedBook, resolveBook } from '../config/resolve-book.ts'
import { eachElement } from '../lib/each-element.ts'
import { manuscriptToMdast } from './manuscript-to-mdast.ts'
import { mdastToHast } from './mdast-to-hast.ts'
import { linkChapters } from './rehype-chapter-links.ts'
import { resolveCrossReferences } from './resolve-cross-references.ts'
import { debugTap } from '../diagnostics/debug-tap.ts'
import { lastBlockId, stampBlockIds } from './rehype-block-ids.ts'
import { citeBook } from '../citations/remark-citations.ts'
import { timeStep } from '../diagnostics/timings.ts'

/** The front half of every build: what `check`, `build` and `preview` share. */
export interface LoadedBook {
  readonly tree: BookTree
  /** Every source file, each carrying its messages (book.yaml, chapters, bibliographies). */
  readonly files: readonly VFile[]
  /** Time spent formatting citations, in ms (the preview reports it). */
  readonly citeMs: number
}

/**
 * Resolve the book, parse its chapters, format its citations and turn it
 * into one hast book tree, checking links across chapters.
 */
export async function manuscriptToBookTree(dir: string, overrides: BookOverrides = {}): Promise<LoadedBook> {
  const book = await timeStep('resolve book.yaml', () => resolveBook(dir, overrides))
  const chapters = await manuscriptToMdast(book)
  await debugTap('mdast', chapters.map((chapter) => chapter.mdast))
  return mdastToBookTree(book, chapters)
}

/**
 * The book-wide back half, from parsed chapters: citations over every
 * chapter (ibid. and note numbers run across the book), hast, links across
 * chapters, the contents. Citations change the chapters' mdast in place:
 * a caller that keeps chapters (the preview) passes copies.
 */
export async function mdastToBookTree(book: ResolvedBook, chapters: readonly MdastChapter[]): Promise<LoadedBook> {
  const started = performance.now()
  const { bibliography, files: referenceFiles } = await citeChapters(chapters, book)
  const citeMs = performance.now() - started
  const hastChapters = await mdastToHast(chapters, book)
  timeStep('chapter links', () => linkChapters(hastChapters))
  timeStep('cross-references', () => resolveCrossReferences(hastChapters, book.lang, book.quotes))
  await debugTap('hast', hastChapters.map((chapter) => chapter.hast))
  // The bibliography's entries continue the book's text-block numbering (print page map ↔ EPUB page-list).
  if (bibliography) stampBlockIds(bibliography, lastBlockId(hastChapters.map((chapter) => chapter.hast)) + 1)
  timeStep('internal links', () => checkInternalLinks(hastChapters, bibliographyIds(bibliography)))
  const tree: BookTree = { book, chapters: hastChapters, bibliography, toc: timeStep('contents', () => buildToc(hastChapters)) }
  const files = [...(book.configFile ? [book.configFile] : []), ...(book.outline ? [book.outline.file] : []), ...chapters.map((chapter) => chapter.file), ...referenceFiles]
  return { tree, files, citeMs }
}

/** Citations: formatted by citation-js across the whole book (see remark-citations). */
async function citeChapters(chapters: readonly MdastChapter[], book: ResolvedBook): Promise<{ bibliography: Element | undefined; files: readonly VFile[] }> {
  const cited = await timeStep('citations (book-wide)', () => citeBook(chapters, book))
  return { bibliography: cited.bibliography, files: cited.files }
}

function bibliographyIds(bibliography: Element | undefined): string[] {
  const ids: string[] = []
  if (bibliography) {
    eachElement(bibliography, (node: Element) => {
      if (typeof node.properties['id'] === 'string') ids.push(node.properties['id'])
    })
  }
  return ids
}
