import { availableParallelism } from 'node:os'
import type { LayoutProgress } from '../browser/paged-layout.ts'
import { type PageLog, withBrowser } from '../browser/browser-session.ts'
import type { RenderPdfResult } from '../html-to-pdf.ts'
import { finishPdf, type PdfMetadata } from '../pdf-finish.ts'
import { joinPieces, type PrintedPiece } from './join-pieces.ts'
import { type LaidOutPiece, layOutPiece, type PieceLimits } from './lay-out-piece.ts'

/** What to print: the book's parts, front matter first (see hastToPrintHtmlParts). */
export interface PiecesToPdfOptions {
  readonly partFiles: readonly string[]
  readonly allowedRoot: string
  readonly toc: readonly { readonly id: string; readonly title: string; readonly level: number }[]
  readonly metadata: PdfMetadata
  /** Browsers laying out at once (default: the number of cores, at most 4). */
  readonly workers?: number
  readonly onProgress?: (progress: LayoutProgress) => void
  readonly signal?: AbortSignal
}

const limits: PieceLimits = { load: 60_000, layout: 15 * 60_000, stall: 60_000, pdf: 5 * 60_000 }

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
  const laidOut = partFiles.map(() => deferred<LaidOutPiece>())
  const printed: (PrintedPiece | undefined)[] = partFiles.map(() => undefined)
  const headingIds = options.toc.map((entry) => entry.id)
  // Per part, so that the messages come in book order whichever part finished first.
  const logs: PageLog[][] = partFiles.map(() => [])
  let next = 0
  let pagesDone = 0

  // The first folio of every part but the front matter, whose pages keep their own (roman) count.
  const startFolio = async (index: number): Promise<number | undefined> => {
    if (index === 0) return undefined
    let folio = 1
    for (let before = 1; before < index; before++) {
      const count = (await laidOut[before]!.promise).pageCount
      folio += count + (count % 2)
    }
    return folio
  }
  const numbersFor = async (): Promise<Map<string, string>> => {
    // Every target's folio needs every part laid out; only the parts before are needed for the start.
    const all = await Promise.all(laidOut.map((entry) => entry.promise))
    const numbers = new Map<string, string>()
    for (const [index, other] of all.entries()) {
      if (index === 0) continue
      const start = (await startFolio(index)) ?? 1
      for (const [id, page] of Object.entries(other.places)) if (!numbers.has(id)) numbers.set(id, String(start + page - 1))
    }
    return numbers
  }

  const worker = async (): Promise<void> => {
    await withBrowser({ launchTimeoutMs: 30_000, protocolTimeoutMs: limits.layout + 30_000, ...(signal ? { signal } : {}) }, async (session) => {
      const prints: Promise<void>[] = []
      for (let index = next++; index < partFiles.length; index = next++) {
        const at = index
        try {
          const piece = await layOutPiece(session, partFiles[at]!, options.allowedRoot, limits, signal, (progress) => {
            options.onProgress?.({ ...progress, pages: pagesDone + progress.pages })
          })
          pagesDone += piece.pageCount
          laidOut[at]!.resolve(piece)
          prints.push(
            (async () => {
              const numbers = await numbersFor()
              printed[at] = await piece.print(await startFolio(at), numbers, headingIds)
              logs[at]!.push(piece.log)
            })(),
          )
        } catch (error) {
          laidOut[at]!.reject(error)
          throw error
        }
      }
      await Promise.all(prints)
    })
  }
  const count = Math.max(1, Math.min(options.workers ?? Math.min(availableParallelism(), 4), partFiles.length))
  const results = await Promise.allSettled(Array.from({ length: count }, worker))
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected')
  if (failed) throw failed.reason
  const layoutMs = Math.round(performance.now() - started)
  const messages = logs.flat().flatMap((log) => log.messages)
  const blocked = logs.flat().flatMap((log) => log.blockedRequests)

  const joined = await joinPieces(printed.map((piece) => piece!))
  const finished = await finishPdf(joined.raw, {
    metadata: options.metadata,
    outline: options.toc.flatMap((entry) => {
      const place = joined.map.headings[entry.id]
      return place ? [{ title: entry.title, level: entry.level, ...place }] : []
    }),
    folios: joined.map.folios,
  })
  for (const entry of options.toc) {
    if (!joined.map.headings[entry.id]) messages.push(`heading #${entry.id} (“${entry.title}”) is not in the laid-out book; it has no bookmark`)
  }
  const total = Math.round(performance.now() - started)
  return {
    pdf: finished.pdf,
    pageStarts: joined.map.pageStarts,
    pageCount: finished.pageCount,
    blockedRequests: blocked,
    consoleErrors: messages,
    timings: { layout: layoutMs, finish: total - layoutMs, total },
  }
}
