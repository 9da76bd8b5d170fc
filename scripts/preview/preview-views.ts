
import { copyFile, mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { copyBookImage } from '../lib/sanitize-svg.ts'
import { writeBookFonts } from '../lib/write-book-fonts.ts'
import type { BookTree } from '../lib/book-model.ts'
import { bookTreeToWebHtml } from '../web/book-tree-to-web-html.ts'
import { stylesDir } from '../lib/styles-dir.ts'
import { writeFileAtomic } from '../lib/write-file-atomic.ts'
import { injectPreviewScripts } from './inject-preview-scripts.ts'
import { clientPath } from './preview-client.ts'
import { writeEpubView } from './write-epub-view.ts'
import { writePrintView } from './write-print-view.ts'

/** Where Paged.js is served from, for the print view. */
export const pagedPath = '/__samizdat/paged.polyfill.js'

/** The pages of a preview, as URL paths. */
export interface PreviewPages {
  /** The print edition, paginated by Paged.js in the reader's browser. */
  readonly print: string
  /** The web edition. */
  readonly web: string
  /** The EPUB's reflowable view: the real EPUB, unpacked, in a reader page. */
  readonly epub: string
}

/** The views of the book in a preview build folder, kept up to date build by build. */
export interface PreviewViews {
  /** Write the print view of `build` now; the web and EPUB views are written when next asked for. */
  update(tree: BookTree, build: number): Promise<PreviewPages>
  /** Before serving `pathname`: write its view first if it is older than the last build. */
  prepare(pathname: string): Promise<void>
}

type LazyView = 'web' | 'epub'

/**
 * The preview's output side, writing into `dir`: `print/` (the print stage's
 * own build, plus Paged.js and the live-reload client), `web.html` (the web
 * edition) and `epub/` (the EPUB, unpacked, with a reader page). Only the print view, what `/`
 * shows, is rebuilt on every edit; the others when a page asks for them, so a
 * refresh does not pay for views nobody has open. Every file is replaced
 * atomically: a browser never reads half a page.
 */
export function createPreviewViews(dir: string): PreviewViews {
  let current: { tree: BookTree; build: number } | undefined
  const written = new Map<LazyView, Promise<void> & { build?: number }>()
  const lazyPages: Record<string, LazyView> = { '/web.html': 'web', '/epub/index.html': 'epub' }
  return {
    async update(tree, build) {
      current = { tree, build }
      const printDir = path.join(dir, 'print')
      await mkdir(printDir, { recursive: true })
      const printPage = await writePrintView(tree, printDir)
      const printFile = path.join(printDir, printPage)
      // After the print document's own scripts: its layout hooks set `PagedConfig` before Paged.js loads.
      await writeFileAtomic(printFile, injectPreviewScripts(await readFile(printFile, 'utf8'), [pagedPath, `${clientPath}?build=${build}`]))
      return { print: `/print/${printPage.split(path.sep).map(encodeURIComponent).join('/')}`, web: '/web.html', epub: '/epub/index.html' }
    },
    async prepare(pathname) {
      const view = lazyPages[pathname]
      if (!view || !current) return
      const { tree, build } = current
      const last = written.get(view)
      if (last?.build === build) return last
      const writing = Object.assign(writeLazyView(tree, dir, build, view), { build })
      written.set(view, writing)
      // A failed write is retried by the next request rather than remembered.
      await writing.catch((error: unknown) => {
        written.delete(view)
        throw error
      })
    },
  }
}

async function writeLazyView(tree: BookTree, dir: string, build: number, view: LazyView): Promise<void> {
  if (view === 'epub') return writeEpubView(tree, path.join(dir, 'epub'), build)
  await mkdir(path.join(dir, 'assets', 'fonts'), { recursive: true })
  await writeFonts(tree, dir)
  await copyImages(tree, dir)
  await copyFile(path.join(stylesDir, 'screen.css'), path.join(dir, 'assets', 'screen.css'))
  const html = bookTreeToWebHtml(tree, { stylesheets: ['assets/fonts.css', 'assets/screen.css'] })
  await writeFileAtomic(path.join(dir, 'web.html'), injectPreviewScripts(html, [`${clientPath}?build=${build}`]))
}

/** The book face, subset to the characters the book uses; font files are copied once (their names say their subset). */
async function writeFonts(tree: BookTree, dir: string): Promise<void> {
  await writeBookFonts(tree, path.join(dir, 'assets'))
}

/** The chapters' images, at the paths the pages use (relative to the manuscript folder). */
async function copyImages(tree: BookTree, dir: string): Promise<void> {
  for (const chapter of tree.chapters) {
    for (const [src, file] of chapter.file.data.resources ?? []) {
      const target = path.resolve(dir, decodeURI(src.split(/[?#]/)[0]!))
      // rehype-local-resources keeps only files inside the book; the check keeps the copy inside `dir` too.
      if (path.relative(dir, target).startsWith('..')) continue
      await copyBookImage(file, target)
    }
  }
}
