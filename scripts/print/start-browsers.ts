import type { Format } from '../config/formats.ts'
import type { BrowserPool } from './browser/browser-pool.ts'

/** What a build is about to make, to decide which browsers it will need. */
export interface StartBrowsersOptions {
  readonly formats: ReadonlySet<Format>
  readonly signal?: AbortSignal
}

// Longer than every step's own limit in the print stage, so that theirs fire first.
const protocolTimeoutMs = 16 * 60_000

/**
 * Start Chromium before the manuscript is read, when the build will need it:
 * for the print edition (PDF or booklet) only; the EPUB's cover is drawn
 * without a browser. Chromium takes about half a second to start, which it
 * spends on the other core while Node reads. Resolves to undefined when no
 * browser is needed. The caller closes the pool.
 */
export async function startBrowsers(options: StartBrowsersOptions): Promise<BrowserPool | undefined> {
  if (!options.formats.has('pdf') && !options.formats.has('booklet') && !options.formats.has('cover')) return undefined
  // Loaded before Chromium starts: from here to the spawn nothing waits for the event loop.
  const { openBrowserPool } = await import('./browser/browser-pool.ts')
  // One browser: a second one starting beside the read slowed the read more than it saved (default book,
  // all outputs: 5.4 s with two, 4.7 s with one, 5.5 s with none). A long book's print stage starts more.
  return openBrowserPool(1, { launchTimeoutMs: 30_000, protocolTimeoutMs, ...(options.signal ? { signal: options.signal } : {}) })
}
