import { type BookOverrides, resolveBook } from './config/resolve-book.ts'
import type { Format } from './pipeline.ts'
import type { BrowserPool } from './pdf-parallel/browser-pool.ts'

/** What a build is about to make, to decide which browsers it will need. */
export interface StartBrowsersOptions {
  readonly dir: string
  readonly overrides?: BookOverrides
  readonly formats: ReadonlySet<Format>
  readonly signal?: AbortSignal
}

// Longer than every step's own limit in the print and cover stages, so that theirs fire first.
const protocolTimeoutMs = 16 * 60_000

/**
 * Start Chromium before the manuscript is read, when the build will need it:
 * for the print edition, or for an EPUB cover that is not yet cached (its
 * render is queued at once, ahead of the print edition). Chromium takes
 * about half a second to start, which it spends on the other core while
 * Node reads. Resolves to undefined when no browser is needed; a book.yaml
 * that does not resolve is left to the read to report. The caller closes
 * the pool.
 */
export async function startBrowsers(options: StartBrowsersOptions): Promise<BrowserPool | undefined> {
  const print = options.formats.has('pdf') || options.formats.has('booklet')
  const book = options.formats.has('epub') ? await resolveBook(options.dir, options.overrides ?? {}).catch(() => undefined) : undefined
  const cover = book && !book.cover ? await import('./epub/render-cover.ts') : undefined
  const needsCover = book !== undefined && cover !== undefined && !(await cover.coverIsCached(book).catch(() => true))
  if (!print && !needsCover) return undefined
  // Loaded before Chromium starts: from here to the spawn nothing waits for the event loop.
  const { openBrowserPool } = await import('./pdf-parallel/browser-pool.ts')
  // One browser: a second one starting beside the read slowed the read more than it saved (default book,
  // all outputs: 5.4 s with two, 4.7 s with one, 5.5 s with none). A long book's print stage starts more.
  const pool = openBrowserPool(1, { launchTimeoutMs: 30_000, protocolTimeoutMs, ...(options.signal ? { signal: options.signal } : {}) })
  // The EPUB stage asks for this same render (renderCover keeps it); its problems are reported there.
  if (needsCover && book && cover) cover.renderCover(book, { pool, ...(options.signal ? { signal: options.signal } : {}) }).catch(() => undefined)
  return pool
}
