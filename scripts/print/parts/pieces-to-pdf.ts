import { availableParallelism } from 'node:os'
import type { LayoutProgress } from '../layout/paged-layout.ts'
import type { PageMap } from '../layout/read-page-map.ts'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { PageLog } from '../browser/browser-session.ts'
import { findChromium } from '../browser/find-chromium.ts'
import type { RenderPdfResult } from '../layout/html-to-pdf.ts'
import { bookOutline, finishPdf, type PdfMetadata } from '../finish/pdf-finish.ts'
import type { BrowserPool } from '../browser/browser-pool.ts'
import { joinPieces, type PrintedPiece } from './join-pieces.ts'
import { type LaidOutPiece, layOutPiece, type PieceLimits } from './lay-out-piece.ts'
import { PieceCache, type PieceLayout } from './piece-cache.ts'
import { shiftMeasures } from '../layout/join-measures.ts'

/** What to print: the book's parts, front matter first (see bookTreeToPrintHtmlParts). */
export interface PiecesToPdfOptions {
  readonly partFiles: readonly string[]
  readonly allowedRoot: string
  readonly toc: readonly { readonly id: string; readonly title: string; readonly level: number }[]
  readonly metadata: PdfMetadata
  /** The browsers that lay the parts out (see openBrowserPool): closed here once every part is printed; the caller waits for the close. */
  readonly pool: BrowserPool
  /** Reuse parts laid out and printed by earlier builds (see PieceCache). */
  readonly cache?: boolean
  readonly onProgress?: (progress: LayoutProgress) => void
  readonly signal?: AbortSignal
  /** Measure the laid-out pages for the typesetting report. */
  readonly measure?: boolean
}

const limits: PieceLimits = { load: 60_000, layout: 15 * 60_000, stall: 60_000, pdf: 5 * 60_000 }

/** How many browsers lay out `parts` parts: `workers` (default one per core, at most 4), no more than the parts. */
export function pieceWorkers(parts: number, workers?: number): number {
  return Math.max(1, Math.min(workers ?? Math.min(availableParallelism(), 4), parts))
}

interface Deferred<T> {
  readonly promise: Promise<T>
  resolve(value: T): void
  reject(reason: unknown): void
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((yes, no) => {
    resolve = yes
    reject = no
  })
  // Awaited later, or never if the build fails first: no unhandled rejection.
  promise.catch(() => undefined)
  return { promise, resolve, reject }
}

/**
 * Typeset the book part by part: each part (front matter, each chapter, the
 * bibliography) opens on a recto, so Paged.js can lay each out alone, in
 * several browsers at once. A part is printed once the page counts of the
 * parts before it (its first folio) and the places of its link targets are
 * known; then the pieces are joined and finished like a one-piece layout.
 */
export async function piecesToPdf(options: PiecesToPdfOptions): Promise<RenderPdfResult> {
  const started = performance.now()
  const { partFiles, signal } = options
  const htmls = await Promise.all(partFiles.map((file) => readFile(file, 'utf8')))
  const cache = options.cache ? await PieceCache.open(options.allowedRoot, findChromium()) : undefined
  // data-sid numbers run through the book: one paragraph more shifts every later part's, but no layout.
  const sidBases = htmls.map(firstSid)
  const layoutKeys = htmls.map((html, index) => cache?.layoutKey(shiftSids(html, -sidBases[index]!)) ?? '')
  const layouts = partFiles.map(() => deferred<PieceLayout>())
  const printed: (PrintedPiece | undefined)[] = partFiles.map(() => undefined)
  const headingIds = options.toc.map((entry) => entry.id)
  // Per part, so that the messages come in book order whichever part finished first.
  const logs: (PageLog | undefined)[] = partFiles.map(() => undefined)
  let pagesDone = 0
  let laidOutCount = 0
  // Parts laid out and not yet printed: each holds a browser page (and often a renderer process).
  let open = 0
  let mostOpen = 0

  // The first folio of every part but the front matter, whose pages keep their own (roman) count.
  const startFolio = async (index: number): Promise<number | undefined> => {
    if (index === 0) return undefined
    let folio = 1
    for (let before = 1; before < index; before++) {
      const count = (await layouts[before]!.promise).pageCount
      folio += count + (count % 2)
    }
    return folio
  }
  // Which part holds each id, read from the part documents: a part's print waits only for the parts it numbers.
  const owners = new Map<string, number>()
  htmls.forEach((html, index) => {
    for (const match of html.matchAll(/\sid="([^"]+)"/g)) if (!owners.has(match[1]!)) owners.set(match[1]!, index)
  })
  const numbered = htmls.map(numberedTargets)
  // The folios of the targets a part prints the page of (contents entries, cross-references).
  const numbersFor = async (index: number): Promise<Map<string, string>> => {
    const found = new Map<string, string>()
    for (const id of numbered[index]!) {
      const owner = owners.get(id)
      if (owner === undefined || owner === 0) continue
      const page = (await layouts[owner]!.promise).places[id]
      if (page !== undefined) found.set(id, String(((await startFolio(owner)) ?? 1) + page - 1))
    }
    return found
  }
  const printKey = async (index: number): Promise<string> =>
    cache?.printKey(layoutKeys[index]!, htmls[index]!, await startFolio(index), await numbersFor(index), headingIds, options.measure === true) ?? ''

  // A part laid out now: printed once every part is laid out, then cached.
  const print = async (index: number, piece: LaidOutPiece): Promise<void> => {
    const tag = createHash('sha256').update(shiftSids(htmls[index]!, -sidBases[index]!)).digest('hex').slice(0, 8)
    const result = await piece.print(await startFolio(index), await numbersFor(index), headingIds, tag, options.measure).finally(() => {
      open -= 1
    })
    printed[index] = { ...result, places: piece.places }
    logs[index] = piece.log
    await cache?.writePrint(await printKey(index), { raw: result.raw, map: shiftMapSids(result.map, -sidBases[index]!), log: piece.log, foreign: result.foreign })
  }
  const prints: Promise<void>[] = []
  const layOut = (indices: readonly number[]) =>
    Promise.all(
      indices.map((index) =>
        options.pool.run(async (session) => {
          try {
            const piece = await layOutPiece(session, partFiles[index]!, options.allowedRoot, limits, signal, (progress) => {
              options.onProgress?.({ ...progress, pages: pagesDone + progress.pages })
            })
            pagesDone += piece.pageCount
            open += 1
            mostOpen = Math.max(mostOpen, open)
            laidOutCount += 1
            layouts[index]!.resolve(piece)
            await cache?.writeLayout(layoutKeys[index]!, { pageCount: piece.pageCount, places: piece.places })
            // The print waits for the layouts of the parts before this one; the browser outlives it, the queue does not wait.
            const printing = print(index, piece)
            prints.push(printing)
            return { value: undefined, pending: printing }
          } catch (error) {
            layouts[index]!.reject(error)
            throw error
          }
        }),
      ),
    )

  // Parts whose layout is cached need no browser unless their print is not (their first folio or targets moved).
  const cachedLayouts = await Promise.all(layoutKeys.map((key) => (cache ? cache.readLayout(key) : undefined)))
  cachedLayouts.forEach((layout, index) => {
    if (layout) layouts[index]!.resolve(layout)
  })
  const fromCache = async (index: number): Promise<number | undefined> => {
    const hit = cache ? await cache.readPrint(await printKey(index)) : undefined
    if (!hit) return index
    printed[index] = { raw: hit.raw, map: shiftMapSids(hit.map, sidBases[index]!), foreign: hit.foreign, places: (await layouts[index]!.promise).places }
    logs[index] = hit.log
    return undefined
  }
  const fresh = cachedLayouts.flatMap((layout, index) => (layout ? [] : [index]))
  const [, missing] = await Promise.all([
    layOut(fresh),
    Promise.all(cachedLayouts.flatMap((layout, index) => (layout ? [fromCache(index)] : []))),
  ])
  await layOut(missing.filter((index): index is number => index !== undefined))
  await Promise.all(prints)
  // Every page is printed: stop the browsers now, so that they do not hold their memory through the join.
  options.pool.close().catch(() => undefined)
  const layoutMs = Math.round(performance.now() - started)
  const messages = logs.flatMap((log) => log?.messages ?? [])
  const blocked = logs.flatMap((log) => log?.blockedRequests ?? [])
  // `?? []`: a part printed (and cached) before refused connections were logged.
  const refused = logs.flatMap((log) => log?.refused ?? [])

  const joined = await joinPieces(printed.map((piece) => piece!))
  const { outline, missing: unplaced } = bookOutline(options.toc, joined.map.headings)
  const finished = await finishPdf(joined.doc, { metadata: options.metadata, outline, folios: joined.map.folios })
  messages.push(...unplaced)
  const total = Math.round(performance.now() - started)
  return {
    pdf: finished.pdf,
    pageStarts: joined.map.pageStarts,
    pageCount: finished.pageCount,
    ...(joined.map.measures ? { measures: joined.map.measures } : {}),
    blockedRequests: blocked,
    refused,
    consoleErrors: messages,
    timings: { layout: layoutMs, finish: total - layoutMs, total, partsLaidOut: laidOutCount, parts: partFiles.length, mostOpenParts: mostOpen },
  }
}

function firstSid(html: string): number {
  const match = /data-sid="(\d+)"/.exec(html)
  return match ? Number(match[1]) : 0
}

function shiftSids(html: string, by: number): string {
  return html.replace(/data-sid="(\d+)"/g, (_, sid: string) => `data-sid="${Number(sid) + by}"`)
}

function shiftMapSids(map: PageMap, by: number): PageMap {
  return {
    ...map,
    pageStarts: map.pageStarts.map((start) => (start.sid === null ? start : { ...start, sid: String(Number(start.sid) + by) })),
    ...(map.measures ? { measures: shiftMeasures(map.measures, 0, by) } : {}),
  }
}

// Targets whose page number the part prints: in-book links (class `xref`) and the contents' entries.
function numberedTargets(html: string): string[] {
  const ids = new Set<string>()
  const contents = html.indexOf('class="contents"')
  for (const match of html.matchAll(/<a\s[^>]*>/g)) {
    const href = /\shref="#([^"]+)"/.exec(match[0])?.[1]
    if (!href) continue
    const xref = /\sclass="[^"]*\bxref\b[^"]*"/.test(match[0])
    if (xref || (contents >= 0 && match.index > contents)) ids.add(href)
  }
  return [...ids]
}
