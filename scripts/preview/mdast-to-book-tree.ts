import type { BookTree, MdastChapter } from '../book-model.ts'
import { buildToc } from '../build-toc.ts'
import { checkInternalLinks } from '../check-internal-links.ts'
import type { ResolvedBook } from '../config/resolve-book.ts'
import type { LoadedBook } from '../manuscript-to-book-tree.ts'
import { mdastToHast } from '../mdast-to-hast.ts'

/**
 * The book-wide back half of `manuscriptToBookTree` (after parsing), for the
 * preview, which parses chapters itself. A stand-in: it mirrors
 * `scripts/manuscript-to-book-tree.ts` and does not format citations yet;
 * once that file exports its back half (asked of the lead), the preview
 * imports it instead and this file goes.
 */
export async function mdastToBookTree(book: ResolvedBook, chapters: readonly MdastChapter[]): Promise<LoadedBook> {
  const hastChapters = await mdastToHast(chapters, book)
  checkInternalLinks(hastChapters)
  const tree: BookTree = { book, chapters: hastChapters, bibliography: undefined, toc: buildToc(hastChapters) }
  const files = [...(book.configFile ? [book.configFile] : []), ...chapters.map((chapter) => chapter.file)]
  return { tree, files }
}
