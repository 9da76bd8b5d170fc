import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { toString as hastText } from 'hast-util-to-string'
import { VFile } from 'vfile'
import type { BookTree, PageStart } from '../lib/book-model.ts'
import type { LayoutProgress } from './layout/paged-layout.ts'
import { BuildError, failFile } from '../diagnostics/fail.ts'
import { defaultPartChars, groupByLength } from './book-tree-to-print-html.ts'
import { htmlToPdf } from './layout/html-to-pdf.ts'
import type { BrowserPool } from './browser/browser-pool.ts'
import { pieceWorkers, piecesToPdf } from './parts/pieces-to-pdf.ts'
import { type TypesettingReport, typesettingReport } from './typesetting-report.ts'
import { writePrintBuild } from './write-print-build.ts'

/** Options for {@link bookTreeToPdf}. */
export interface PdfStageOptions {
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: LayoutProgress) => void
  /** Browsers the caller started early (see startBrowsers): the stage grows the pool for a long book and closes it once the pages are printed; the caller waits for the close. */
  readonly browsers: BrowserPool
  /** Measure the laid-out pages and report widows, loose lines, underfull pages… (see typesetting-report.ts). */
  readonly report?: boolean
}

/** The print PDF, where its pages begin, and the stage's own messages. */
export interface PdfStageResult {
  readonly pdf: Uint8Array
  readonly pageStarts: readonly PageStart[]
  readonly pageCount: number
  readonly timings: Readonly<Record<string, number>>
  /** `book.pdf`, carrying what the browser reported (refused requests, page errors). */
  readonly file: VFile
  /** The typesetting report, when asked for; its findings are also warnings on the chapters' files. */
  readonly report?: TypesettingReport
}

/**
 * The print edition: the book tree written as a self-contained print build
 * folder (HTML, CSS, fonts, images) in a temp dir, typeset by Paged.js in a
 * sandboxed Chromium, finished with pdf-lib. The temp dir is removed whatever
 * happens.
 */
export async function bookTreeToPdf(tree: BookTree, options: PdfStageOptions): Promise<PdfStageResult> {
  const { book } = tree
  const dir = await mkdtemp(path.join(tmpdir(), 'samizdat-print-'))
  const file = new VFile({ path: 'book.pdf' })
  try {
    const partChars = envNumber('SAMIZDAT_PDF_PART_CHARS') ?? defaultPartChars
    const lengths = tree.chapters.map((chapter) => hastText(chapter.hast).length)
    const parallel = useParallelLayout(lengths, partChars)
    // More browsers start while the print build is written (the front matter is a part of its own);
    // SAMIZDAT_PDF_WORKERS: how many (default one per core, at most 4).
    if (parallel) options.browsers.grow(pieceWorkers(groupByLength(lengths, partChars).length + 1, envNumber('SAMIZDAT_PDF_WORKERS')))
    const build = await writePrintBuild(tree, dir, {
      ...(book.bleed ? { bleed: book.bleed } : {}),
      ...(book.marks ? { marks: book.marks } : {}),
      ...(parallel ? { parts: true, partChars } : {}),
    })
    const common = {
      allowedRoot: dir,
      toc: build.toc,
      metadata: {
        title: book.subtitle ? `${book.title}: ${book.subtitle}` : book.title,
        authors: book.authors.length > 0 ? book.authors : book.editors,
        ...(book.description ? { subject: book.description } : {}),
        keywords: book.keywords,
        lang: book.lang,
        ...(book.date ? { date: book.date } : {}),
      },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.report ? { measure: true } : {}),
    }
    const result = build.partFiles
      ? await piecesToPdf({ ...common, partFiles: build.partFiles, pool: options.browsers, cache: process.env['SAMIZDAT_PDF_CACHE'] !== '0' })
      : await htmlToPdf({ ...common, htmlFile: build.htmlFile, pool: options.browsers })
    for (const url of result.blockedRequests) {
      file.message(`The print edition asked for \`${url}\`, which is not a file of the book; it was not loaded`, { ruleId: 'blocked-request', source: 'samizdat' })
    }
    for (const problem of result.consoleErrors) file.message(problem, { ruleId: 'print-layout', source: 'samizdat' })
    const report = result.measures ? typesettingReport(result.measures, tree, result.pageStarts, file) : undefined
    return { pdf: result.pdf, pageStarts: result.pageStarts, pageCount: result.pageCount, timings: result.timings, file, ...(report ? { report } : {}) }
  } catch (error) {
    // Ctrl-C and aborts go on up; anything the browser did wrong is a message the writer can act on.
    if (options.signal?.aborted || !(error instanceof Error) || error instanceof BuildError) throw error
    return failFile(file, `The print edition could not be made: ${error.message}`, 'print-failed')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function envNumber(name: string): number | undefined {
  const value = Number.parseInt(process.env[name] ?? '', 10)
  return value > 0 ? value : undefined
}

/**
 * Lay the book out in parts, in parallel browsers (scripts/print/parts), or
 * in one piece? Parts pay off from two body parts on (with the front matter,
 * three: work for two browsers); a short book is faster in one piece. A part
 * holds about `partChars` of text (SAMIZDAT_PDF_PART_CHARS, default
 * {@link defaultPartChars}); `SAMIZDAT_PDF_PARALLEL=1` or `0` decides.
 */
export function useParallelLayout(
  chapterLengths: readonly number[],
  partChars: number,
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  const setting = env['SAMIZDAT_PDF_PARALLEL']
  if (setting === '1' || setting === '0') return setting === '1'
  return groupByLength(chapterLengths, partChars).length >= 2
}
