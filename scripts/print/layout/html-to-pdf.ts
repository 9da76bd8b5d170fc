import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { PageStart } from '../../lib/book-model.ts'
import type { RefusedConnection } from '../browser/refuse-side-doors.ts'
import { type BrowserSession, type PageLog, withBrowser } from '../browser/browser-session.ts'
import { containPages, type LayoutProgress, layOutPages, preparePagedLayout } from './paged-layout.ts'
import { type PageMap, readPageMap } from './read-page-map.ts'
import { isAllowedUrl } from '../browser/sandbox-requests.ts'
import { measureTypesetting } from './measure-typesetting.ts'
import { settleSoftHyphens } from './settle-soft-hyphens.ts'
import { stabiliseIds } from './stabilise-ids.ts'
import { withTimeLimit } from '../browser/time-limit.ts'
import { bookOutline, finishPdf, type PdfMetadata } from '../finish/pdf-finish.ts'
import type { BrowserPool } from '../browser/browser-pool.ts'

/** Time limits per step, in ms. */
export interface RenderTimeLimits {
  readonly launch?: number
  readonly load?: number
  /** The whole Paged.js layout. */
  readonly layout?: number
  /** A single page of the layout; a page taking longer is reported as a stall. */
  readonly stall?: number
  readonly pdf?: number
}

/** What to print and how. */
export interface RenderPdfOptions {
  /** The print HTML, inside `allowedRoot`. */
  readonly htmlFile: string
  /** The build directory: the page may load files from here and nowhere else. */
  readonly allowedRoot: string
  /** Headings for the PDF outline, in book order; `level` 1 is a chapter. */
  readonly toc: readonly { readonly id: string; readonly title: string; readonly level: number }[]
  readonly metadata: PdfMetadata
  readonly timeoutMs?: RenderTimeLimits
  readonly onProgress?: (progress: LayoutProgress) => void
  readonly signal?: AbortSignal
  /** Chromium to use; `findChromium()` when absent. */
  readonly executablePath?: string
  /** Where the browser's throw-away profile goes (default: the OS temp dir). */
  readonly tempDir?: string
  /** Browsers already started (see openBrowserPool): lay out on one of them instead of starting Chromium; closed once printed. */
  readonly pool?: BrowserPool
  /** Measure the laid-out pages for the typesetting report (the page map's `measures`). */
  readonly measure?: boolean
}

/** The finished PDF and what the build reports about it. */
export interface RenderPdfResult {
  readonly pdf: Uint8Array
  readonly pageStarts: PageStart[]
  readonly pageCount: number
  /** The typesetting measures, when `measure` was asked for. */
  readonly measures?: PageMap['measures']
  /** URLs the page tried to load and was refused. */
  readonly blockedRequests: string[]
  /** Connections refused outside the request path (WebSocket, WebRTC, workers, windows). */
  readonly refused: RefusedConnection[]
  /** Page errors, console errors and warnings, failed loads, and problems found while finishing. */
  readonly consoleErrors: string[]
  /** Milliseconds per step: launch, load, layout, pageMap, textLayer, pdf, close, finish, total. */
  readonly timings: Record<string, number>
}

const defaultLimits: Required<RenderTimeLimits> = {
  launch: 30_000,
  load: 60_000,
  layout: 15 * 60_000,
  stall: 60_000,
  pdf: 5 * 60_000,
}

/**
 * Typeset the print HTML with Paged.js in Chromium and return the finished
 * PDF with its page map. Every step has a time limit; the browser is gone
 * when this settles, whatever happened.
 */
export async function htmlToPdf(options: RenderPdfOptions): Promise<RenderPdfResult> {
  const limits = { ...defaultLimits, ...options.timeoutMs }
  const { signal } = options
  const documentUrl = pathToFileURL(resolve(options.htmlFile)).href
  const allowedRoot = resolve(options.allowedRoot)
  if (!isAllowedUrl(documentUrl, [allowedRoot])) {
    throw new Error(`The print HTML ${options.htmlFile} is not inside the build directory ${allowedRoot}`)
  }
  const timings: Record<string, number> = {}
  const started = performance.now()
  let lapStart = started
  const lap = (step: string): void => {
    const now = performance.now()
    timings[step] = Math.round(now - lapStart)
    lapStart = now
  }

  const work = async (session: BrowserSession) => {
    lap('launch')
    const { page, log, settled } = await session.newPage({ allowedRoots: [allowedRoot], documentUrl })
    // Lay out under print media, as the PDF will be printed.
    await page.emulateMediaType('print')
    await preparePagedLayout(page)
    // A refused navigation swaps the book for Chromium's error page, and whatever
    // was running in the book fails with it: name the navigation, not the symptom.
    const stayOnDocument = (error: unknown): never => {
      assertStillOnDocument(page.url(), documentUrl, log)
      throw error
    }
    await withTimeLimit(
      page.goto(documentUrl, { waitUntil: 'load', timeout: 0 }),
      `Loading ${options.htmlFile}`,
      limits.load,
      signal,
    ).catch(stayOnDocument)
    assertStillOnDocument(page.url(), documentUrl, log)
    lap('load')
    const pageCount = await layOutPages(page, {
      limitMs: limits.layout,
      stallMs: limits.stall,
      onProgress: options.onProgress,
      signal,
    }).catch(stayOnDocument)
    assertStillOnDocument(page.url(), documentUrl, log)
    lap('layout')
    const map = await withTimeLimit(
      readPageMap(
        page,
        options.toc.map((entry) => entry.id),
      ),
      'Reading the page map',
      limits.pdf,
      signal,
    )
    await stabiliseIds(page)
    lap('pageMap')
    await containPages(page)
    // After the page map, which counts characters as written; with each page contained, measuring
    // a soft hyphen and laying out the changed text stay within its page.
    await settleSoftHyphens(page)
    lap('textLayer')
    // Measured as printed: after the soft hyphens are settled, each page contained.
    const measured = options.measure ? { ...map, measures: await measureTypesetting(page) } : map
    if (options.measure) lap('measure')
    const raw = await withTimeLimit(
      settled().then(() =>
        // Chromium's own outline (`outline: true`) takes every heading on the page, the
        // contents' title included; the caller's toc is the book's, so pdf-finish builds it.
        page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: false, timeout: 0 }),
      ),
      'Printing the PDF',
      limits.pdf,
      signal,
    )
    lap('pdf')
    // A pool's browser lives on after this book.
    await page.close().catch(() => undefined)
    return { raw, map: measured, pageCount, log }
  }
  const rendered = options.pool
    ? // Printed: the pool's browsers are stopped while the PDF is finished (the pool's owner waits for it).
      await options.pool.run(async (session) => ({ value: await work(session) })).finally(() => options.pool?.close().catch(() => undefined))
    : await withBrowser(
        {
          launchTimeoutMs: limits.launch,
          // DevTools calls must outlive our own limits so that ours, with their clearer messages, fire first.
          protocolTimeoutMs: Math.max(limits.layout, limits.pdf, limits.load) + 30_000,
          ...(options.executablePath ? { executablePath: options.executablePath } : {}),
          ...(options.tempDir ? { tempDir: options.tempDir } : {}),
          ...(signal ? { signal } : {}),
        },
        work,
      )
  lap('close')

  const { outline, missing } = bookOutline(options.toc, rendered.map.headings)
  const problems = [...rendered.log.messages, ...missing]
  const finished = await finishPdf(rendered.raw, { metadata: options.metadata, outline, folios: rendered.map.folios })
  if (finished.pageCount !== rendered.pageCount) {
    problems.push(`Paged.js laid out ${rendered.pageCount} pages but Chromium printed ${finished.pageCount}`)
  }
  lap('finish')
  timings['total'] = Math.round(performance.now() - started)
  return {
    pdf: finished.pdf,
    pageStarts: rendered.map.pageStarts,
    pageCount: finished.pageCount,
    ...(rendered.map.measures ? { measures: rendered.map.measures } : {}),
    blockedRequests: rendered.log.blockedRequests,
    refused: rendered.log.refused,
    consoleErrors: problems,
    timings,
  }
}

// Printing Chromium's error page instead of the book would be worse than failing.
function assertStillOnDocument(url: string, documentUrl: string, log: PageLog): void {
  if (url === documentUrl) return
  const blocked = log.blockedRequests.length > 0 ? ` (refused: ${log.blockedRequests.join(', ')})` : ''
  throw new Error(`The print HTML navigated away from itself to ${url}${blocked}`)
}
