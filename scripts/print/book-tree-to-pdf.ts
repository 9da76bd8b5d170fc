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
import { reportRefused } from './report-refused.ts'
import { type TypesettingReport, typesettingReport } from './typesetting-report.ts'
import { writePrintBuild } from './write-print-build.ts'
import { lengthMm } from '../lib/length-mm.ts'
import { addPrintBoxes } from './finish/add-print-boxes.ts'
import { printShopPdf, requireGhostscript } from './pdfx/print-shop-pdf.ts'
import { pageDesign } from './print-page-css.ts'
import { addCoverPages, type CoveredPdf } from './cover/add-cover-pages.ts'
import type { CoverBox } from './cover/cover-document.ts'
import { type CoverSpread, coverSpread } from './cover/cover-spread.ts'
import { type CoverPages, printCoverPages, writeCoverDocument } from './cover/render-cover-pages.ts'

/** Options for {@link bookTreeToPdf}. */
export interface PdfStageOptions {
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: LayoutProgress) => void
  /** Browsers the caller started early (see startBrowsers): the stage grows the pool for a long book and closes it once the pages are printed; the caller waits for the close. */
  readonly browsers: BrowserPool
  /** Print the covers too: the book wrapped in them (for book.pdf or the booklet), and the spread `book-cover.pdf`. */
  readonly covers?: { readonly wrap: boolean; readonly spread: boolean }
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
  /** With `covers.wrap`: the book between its front and back covers. */
  readonly covered?: CoveredPdf
  /** With `covers.spread`: back cover, spine and front cover on one page. */
  readonly spread?: CoverSpread
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
    if (book.pdf) await requireGhostscript(file)
    const partChars = envNumber('SAMIZDAT_PDF_PART_CHARS') ?? defaultPartChars
    const lengths = tree.chapters.map((chapter) => hastText(chapter.hast).length)
    const parallel = useParallelLayout(lengths, partChars)
    // More browsers start while the print build is written (the front matter is a part of its own);
    // SAMIZDAT_PDF_WORKERS: how many (default one per core, at most 4).
    if (parallel) options.browsers.grow(pieceWorkers(groupByLength(lengths, partChars).length + 1, envNumber('SAMIZDAT_PDF_WORKERS')))
    const build = await writePrintBuild(tree, dir, {
      ...(book.bleed ? { bleed: book.bleed } : {}),
      // The marks are drawn after the layout, in a slug outside the bleed (addPrintBoxes), not by Paged.js inside it.
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
    const design = pageDesign(book.pageSize)
    const box: CoverBox = { width: design.width, height: design.height, bleed: lengthMm(book.bleed) }
    const wantsCovers = options.covers && (options.covers.wrap || options.covers.spread)
    // Queued before the book's layout, which closes the pool once it has printed.
    const coverPages: Promise<CoverPages | undefined> = wantsCovers
      ? printCoverPages(await writeCoverDocument(book, dir, box, build.ownStylesheets), options.browsers, options.signal)
      : Promise.resolve(undefined)
    const [result, covers] = await Promise.all([
      build.partFiles
        ? piecesToPdf({ ...common, partFiles: build.partFiles, pool: options.browsers, cache: process.env['SAMIZDAT_PDF_CACHE'] !== '0' })
        : htmlToPdf({ ...common, htmlFile: build.htmlFile, pool: options.browsers }),
      coverPages,
    ])
    if (covers) reportRefused(tree, file, { blockedRequests: covers.blockedRequests, refused: [] }, 'The cover')
    for (const problem of covers?.messages ?? []) file.message(problem, { ruleId: 'print-layout', source: 'samizdat' })
    reportRefused(tree, file, result)
    for (const problem of result.consoleErrors) file.message(problem, { ruleId: 'print-layout', source: 'samizdat' })
    const report = result.measures ? typesettingReport(result.measures, tree, result.pageStarts, file) : undefined
    // For a print shop: TrimBox and BleedBox on every page, marks in the slug.
    const shop = async (pdf: Uint8Array, name: string) => {
      const boxed = book.bleed || book.marks || book.pdf ? await addPrintBoxes(pdf, { bleedMm: box.bleed, marks: book.marks }) : pdf
      return book.pdf ? printShopPdf(boxed, book.pdf, name, book.title, file, options.signal) : boxed
    }
    const covered = covers && options.covers?.wrap ? await wrapInCovers(result.pdf, covers.pdf, book, file) : undefined
    const spread = covers && options.covers?.spread ? await coverSpread(covers.pdf, box, result.pageCount, book.paper, book.title) : undefined
    return {
      pdf: await shop(result.pdf, 'book.pdf'),
      pageStarts: result.pageStarts,
      pageCount: result.pageCount,
      timings: result.timings,
      file,
      ...(report ? { report } : {}),
      ...(covered ? { covered: { ...covered, pdf: await shop(covered.pdf, 'book.pdf') } } : {}),
      ...(spread ? { spread: { ...spread, pdf: await shop(spread.pdf, 'book-cover.pdf') } } : {}),
    }
  } catch (error) {
    // Ctrl-C and aborts go on up; anything the browser did wrong is a message the writer can act on.
    if (options.signal?.aborted || !(error instanceof Error) || error instanceof BuildError) throw error
    return failFile(file, `The print edition could not be made: ${error.message}`, 'print-failed')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The book in its covers; a zine's blank pages are reported, with how many and where. */
async function wrapInCovers(interior: Uint8Array, covers: Uint8Array, book: BookTree['book'], file: VFile): Promise<CoveredPdf> {
  const zine = book.profile === 'zine'
  const covered = await addCoverPages(interior, covers, { zine, back: !zine || Boolean(book.backCover) })
  const padding = covered.padding
  if (padding && padding.blanks > 0) {
    const where = book.backCover ? `after page ${padding.after}, before the back cover` : `at the end, after page ${padding.after}`
    file.message(
      `The zine has ${covered.pageCount - padding.blanks} pages with its cover${book.backCover ? 's' : ''}; ${padding.blanks} blank page${padding.blanks === 1 ? ' was' : 's were'} added ${where}, to make a multiple of ${padding.multiple} (${padding.multiple === 8 ? 'one sheet' : 'folded sheets'}): write more, or cut ${padding.multiple === 8 ? 'to fill' : 'a page or two to save'} them`,
      { ruleId: 'zine-blank-pages', source: 'samizdat' },
    )
  }
  return covered
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
