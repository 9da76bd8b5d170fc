import type { Element } from 'hast'
import type { BookTree, MdastChapter } from '../book-model.ts'
import { buildToc } from '../build-toc.ts'
import { checkInternalLinks } from '../check-internal-links.ts'
import type { ResolvedBook } from '../config/resolve-book.ts'
import type { LoadedBook } from '../manuscript-to-book-tree.ts'
import { mdastToHast } from '../mdast-to-hast.ts'
import { citeBook } from '../remark-citations.ts'

/**
 * The book-wide back half of `manuscriptToBookTree` (everything after
 * parsing), for the preview, which parses chapters itself: citations over
 * every chapter (ibid. and note numbers run across the book), hast, links,
 * contents. It mirrors `scripts/manuscript-to-book-tree.ts`; once that file
 * exports its back half (asked of the lead), the preview imports it and this
 * copy goes.
 */
export async function mdastToBookTree(book: ResolvedBook, chapters: readonly MdastChapter[]): Promise<LoadedBook & { citeMs: number }> {
  const start = performance.now()
  const cited = await citeBook(chapters, book)
  const citeMs = performance.now() - start
  const hastChapters = await mdastToHast(chapters, book)
  checkInternalLinks(hastChapters, elementIds(cited.bibliography))
  const tree: BookTree = { book, chapters: hastChapters, bibliography: cited.bibliography, toc: buildToc(hastChapters) }
  const files = [...(book.configFile ? [book.configFile] : []), ...chapters.map((chapter) => chapter.file), ...cited.files]
  return { tree, files, citeMs }
}

/** Ids inside the bibliography: links to `#ref-key` are links into the book. */
function elementIds(root: Element | undefined): string[] {
  const ids: string[] = []
  const walk = (node: Element): void => {
    if (typeof node.properties['id'] === 'string') ids.push(node.properties['id'])
    for (const child of node.children) if (child.type === 'element') walk(child)
  }
  if (root) walk(root)
  return ids
}
