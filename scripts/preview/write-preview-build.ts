import { existsSync } from 'node:fs'
import { copyFile, mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { loadBookFonts } from '../assets/book-fonts.ts'
import type { BookTree } from '../book-model.ts'
import { bookText } from '../book-text.ts'
import { hastToWebHtml } from '../hast-to-web-html.ts'
import { stylesDir } from '../pipeline.ts'
import { writeFileAtomic } from '../write-file-atomic.ts'
import { injectPreviewScripts } from './inject-preview-scripts.ts'
import { clientPath } from './preview-client.ts'
import { writePrintView } from './write-print-view.ts'

/** Where Paged.js is served from, for the print view. */
export const pagedPath = '/__samizdat/paged.polyfill.js'

/** The pages a preview build holds, as URL paths. */
export interface PreviewPages {
  /** The paginated print view. */
  readonly print: string
  readonly web: string
  /** The EPUB's reflowable view. */
  readonly epub: string
}

/**
 * Write one preview build into `dir`: the web edition (`web.html`), the
 * EPUB's reflowable view (`epub.html`: the web edition with `styles/epub.css`
 * until the EPUB stage can render one) and the print view (`print/`,
 * paginated by Paged.js in the reader's browser), each with the live-reload
 * client. Every file is replaced atomically, so a browser never reads half a page.
 */
export async function writePreviewBuild(tree: BookTree, dir: string, build: number): Promise<PreviewPages> {
  const client = `${clientPath}?build=${build}`
  await mkdir(path.join(dir, 'assets', 'fonts'), { recursive: true })
  await writeFonts(tree, dir)
  await copyFile(path.join(stylesDir, 'screen.css'), path.join(dir, 'assets', 'screen.css'))
  const epubCss = path.join(stylesDir, 'epub.css')
  const epubSheet = existsSync(epubCss) ? 'assets/epub.css' : 'assets/screen.css'
  if (existsSync(epubCss)) await copyFile(epubCss, path.join(dir, 'assets', 'epub.css'))
  await copyImages(tree, dir)
  await writeFileAtomic(path.join(dir, 'web.html'), injectPreviewScripts(hastToWebHtml(tree, { stylesheets: ['assets/fonts.css', 'assets/screen.css'] }), [client]))
  await writeFileAtomic(path.join(dir, 'epub.html'), injectPreviewScripts(hastToWebHtml(tree, { stylesheets: ['assets/fonts.css', epubSheet] }), [client]))
  const printDir = path.join(dir, 'print')
  await mkdir(printDir, { recursive: true })
  const printPage = await writePrintView(tree, printDir)
  const printFile = path.join(printDir, printPage)
  // After the print document's own scripts: its layout hooks set `PagedConfig` before Paged.js loads.
  await writeFileAtomic(printFile, injectPreviewScripts(await readFile(printFile, 'utf8'), [pagedPath, client]))
  return { print: `/print/${printPage.split(path.sep).map(encodeURIComponent).join('/')}`, web: '/web.html', epub: '/epub.html' }
}

/** The book face, subset to the characters the book uses; font files are copied once (their names say their subset). */
async function writeFonts(tree: BookTree, dir: string): Promise<void> {
  const fonts = await loadBookFonts(tree.book.typeface, bookText(tree))
  for (const face of fonts.faces) {
    const target = path.join(dir, 'assets', 'fonts', face.name)
    if (!existsSync(target)) await copyFile(face.file, target)
  }
  await writeFileAtomic(path.join(dir, 'assets', 'fonts.css'), `${fonts.css('fonts')}\n:root { --book-face: '${fonts.family}'; }\n`)
}

/** The chapters' images, at the paths the pages use (relative to the manuscript folder). */
async function copyImages(tree: BookTree, dir: string): Promise<void> {
  for (const chapter of tree.chapters) {
    for (const [src, file] of chapter.file.data.resources ?? []) {
      const target = path.resolve(dir, decodeURI(src.split(/[?#]/)[0]!))
      // rehype-local-resources keeps only files inside the book; the check keeps the copy inside `dir` too.
      if (path.relative(dir, target).startsWith('..')) continue
      await mkdir(path.dirname(target), { recursive: true })
      await copyFile(file, target)
    }
  }
}
