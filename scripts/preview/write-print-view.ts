import path from 'node:path'
import type { BookTree } from '../lib/book-model.ts'
import { writePrintBuild } from '../print/write-print-build.ts'

/**
 * Write the print build (what Paged.js paginates for the PDF: HTML, page CSS
 * for the trim, bleed and marks, fonts, images, layout hooks) into `dir`,
 * as the PDF stage does, and resolve with the page's path inside `dir`.
 */
export async function writePrintView(tree: BookTree, dir: string): Promise<string> {
  const { book } = tree
  const build = await writePrintBuild(tree, dir, {
    ...(book.bleed ? { bleed: book.bleed } : {}),
    ...(book.marks ? { marks: book.marks } : {}),
  })
  return path.relative(dir, build.htmlFile)
}
