import { copyFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ResolvedBook } from '../../config/resolve-book.ts'
import { stylesDir } from '../../lib/styles-dir.ts'
import { writeFileAtomic } from '../../lib/write-file-atomic.ts'
import type { BrowserPool } from '../browser/browser-pool.ts'
import { withTimeLimit } from '../browser/time-limit.ts'
import { backCoverHast } from './back-cover-hast.ts'
import { type CoverBox, coverDocument } from './cover-document.ts'

/** The printed covers (front, back, spine strip: see coverDocument) and what the browser reported. */
export interface CoverPages {
  readonly pdf: Uint8Array
  readonly blockedRequests: readonly string[]
  readonly messages: readonly string[]
}

/** Image types Chromium draws as they are, so the cover is printed at the image's own resolution. */
const coverImageTypes = /\.(png|jpe?g|gif|svg|webp)$/i

/**
 * Write the cover document into the print build folder `dir`, with
 * `cover.css` and the cover image if there is one, linking the book's own
 * stylesheets after it (its fonts, its look); resolves to its path.
 */
export async function writeCoverDocument(book: ResolvedBook, dir: string, box: CoverBox, ownStylesheets: readonly string[] = []): Promise<string> {
  await copyFile(path.join(stylesDir, 'cover.css'), path.join(dir, 'cover.css'))
  let frontImage: string | undefined
  if (book.cover && coverImageTypes.test(book.cover)) {
    const name = `cover-image${path.extname(book.cover).toLowerCase()}`
    // A missing file is reported by the cover check (coverProblems); here it only leaves the designed cover.
    frontImage = await copyFile(path.resolve(book.root, book.cover), path.join(dir, name)).then(
      () => name,
      () => undefined,
    )
  }
  const htmlFile = path.join(dir, 'cover.html')
  await writeFileAtomic(htmlFile, coverDocument(book, box, { ...(frontImage ? { frontImage } : {}), backText: backCoverHast(book.backCover), stylesheets: ownStylesheets }))
  return htmlFile
}

/**
 * Print the cover document on a browser of `pool`, sandboxed to its folder
 * like the book. Call it before the book's own layout: a task queued then
 * runs before the pool closes.
 */
export function printCoverPages(htmlFile: string, pool: BrowserPool, signal?: AbortSignal): Promise<CoverPages> {
  const documentUrl = pathToFileURL(htmlFile).href
  return pool.run(async (session) => {
    const { page, log, settled } = await session.newPage({ allowedRoots: [path.dirname(htmlFile)], documentUrl })
    try {
      await page.emulateMediaType('print')
      await withTimeLimit(page.goto(documentUrl, { waitUntil: 'load', timeout: 0 }), 'Loading the cover', 60_000, signal)
      await withTimeLimit(
        page.evaluate(() => document.fonts.ready.then(() => undefined)),
        'Loading the cover fonts',
        60_000,
        signal,
      )
      await settled()
      const pdf = await withTimeLimit(page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: 0 }), 'Printing the cover', 60_000, signal)
      return { value: { pdf, blockedRequests: log.blockedRequests, messages: log.messages } }
    } finally {
      await page.close().catch(() => undefined)
    }
  })
}
