import { copyFile, } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeBookFonts } from '../lib/write-book-fonts.ts'
import type { BookTree } from '../lib/book-model.ts'
import { buildImages } from '../lib/build-images.ts'
import { copyBookImage } from '../lib/sanitize-svg.ts'
import { bookTreeToPrintHtml, bookTreeToPrintHtmlParts, printOutline } from './book-tree-to-print-html.ts'
import { printLayoutScript } from './print-layout-hooks.ts'
import { type PrintOptions, printPageCss } from './print-page-css.ts'
import { writeFileAtomic } from '../lib/write-file-atomic.ts'
import { writeBookLook } from './write-book-look.ts'

/** What Paged.js needs to typeset the print build folder. */
export interface PrintBuild {
  /** The print document; every file it loads is inside the same folder. */
  readonly htmlFile: string
  /** Headings for the PDF outline, in book order; `level` 1 is a chapter. */
  readonly toc: { id: string; title: string; level: number }[]
  /** With `parts`: the front matter, then runs of chapters (the bibliography last), as documents of their own (`part-N.html`). */
  readonly partFiles?: string[]
  /** The book's own stylesheets (book-look.css, then book.yaml's), as linked after samizdat's: the covers link them too. */
  readonly ownStylesheets: readonly string[]
}

/** Options for {@link writePrintBuild}. */
export interface PrintBuildOptions extends PrintOptions {
  /** Write the book cut into parts (see bookTreeToPrintHtmlParts) instead of one `print.html`. */
  readonly parts?: boolean
  /** With `parts`: about how much body text goes in each part (see bookTreeToPrintHtmlParts). */
  readonly partChars?: number
}

const printCss = fileURLToPath(new URL('../../styles/print.css', import.meta.url))

/**
 * Write the print edition into `dir` (files there are replaced, nothing else is removed): `print.html`, its
 * stylesheets (`fonts.css`, `page.css` for the trim size, `print.css`), its
 * Paged.js hooks (`print-layout.js`, see print-layout-hooks.ts), the
 * book face's WOFF2 files under `fonts/` and the book's images under
 * `images/`. Nothing outside `dir` is referenced, so the browser can be
 * sandboxed to it.
 */
export async function writePrintBuild(tree: BookTree, dir: string, options: PrintBuildOptions = {}): Promise<PrintBuild> {
  await writeBookFonts(tree, dir)
  await writeFileAtomic(path.join(dir, 'page.css'), printPageCss(tree.book.pageSize, options))
  await copyFile(printCss, path.join(dir, 'print.css'))
  await writeFileAtomic(path.join(dir, 'print-layout.js'), printLayoutScript())
  for (const [file, target] of buildImages(tree)) {
    await copyBookImage(file, path.join(dir, target))
  }
  const htmlFile = path.join(dir, 'print.html')
  // The book's own look (book.yaml: fonts, fontSize, leading, stylesheet) after samizdat's, so it wins.
  const own = await writeBookLook(tree.book, dir)
  const documentOptions = { ...options, stylesheets: ['fonts.css', 'page.css', 'print.css', ...own], scripts: ['print-layout.js'] }
  if (options.parts) {
    const partFiles: string[] = []
    for (const [index, html] of bookTreeToPrintHtmlParts(tree, documentOptions, options.partChars).entries()) {
      partFiles.push(path.join(dir, `part-${index}.html`))
      await writeFileAtomic(partFiles[index]!, html)
    }
    return { htmlFile: partFiles[0]!, toc: printOutline(tree), partFiles, ownStylesheets: own }
  }
  // page.css before print.css: Paged.js re-inserts a sheet's @page :left/:right rules, which must not override print.css's :blank and named pages.
  await writeFileAtomic(htmlFile, bookTreeToPrintHtml(tree, documentOptions))
  return { htmlFile, toc: printOutline(tree), ownStylesheets: own }
}
