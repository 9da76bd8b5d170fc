import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import type { BookTree, PageStart } from './lib/book-model.ts'
import type { Format } from './config/formats.ts'
import type { BookOverrides } from './config/resolve-book.ts'
import type { BuildEvent } from './diagnostics/build-event.ts'
import { bookTreeToWebHtml } from './web/book-tree-to-web-html.ts'
import { webImages, webStylesheets, writeWebAssets } from './web/write-web-assets.ts'
import { manuscriptToBookTree } from './read/manuscript-to-book-tree.ts'
import type { BrowserPool } from './print/browser/browser-pool.ts'
import type { TypesettingReport } from './print/typesetting-report.ts'
import { startBrowsers } from './print/start-browsers.ts'
import { writeFileAtomic } from './lib/write-file-atomic.ts'

/** Options for {@link buildBook}. */
export interface BuildOptions {
  readonly dir: string
  readonly out: string
  readonly formats: ReadonlySet<Format>
  readonly overrides?: BookOverrides
  readonly signal?: AbortSignal
  readonly onEvent?: (event: BuildEvent) => void
  /** Measure the print edition's pages: the typesetting report, written as `book.report.json`. */
  readonly report?: boolean
}

/** What a build made, and the source files with their messages. */
export interface BuildResult {
  readonly files: readonly VFile[]
  readonly outputs: readonly string[]
  readonly tree: BookTree
  /** Pages of the print PDF, when one was built. */
  readonly pageCount?: number
  /** The print edition's typesetting report, when asked for. */
  readonly report?: TypesettingReport
}

/**
 * Build the book: manuscript → mdast → hast → HTML | PDF → booklet | EPUB
 * (the EPUB takes its page-list from the PDF of the same build). Outputs are
 * made in memory and each written to a temp file and renamed, so a failed
 * build leaves the previous outputs as they were.
 */
export async function buildBook(options: BuildOptions): Promise<BuildResult> {
  const emit = options.onEvent ?? (() => {})
  const timed = async <T>(stage: string, run: () => Promise<T>): Promise<T> => {
    options.signal?.throwIfAborted()
    const start = performance.now()
    const value = await run()
    emit({ type: 'stage', stage, ms: performance.now() - start })
    return value
  }
  // Chromium starts beside the read (half a second on the other core); stopped once every output is made.
  const browsers = await startBrowsers(options)
  try {
    return await makeOutputs(options, timed, emit, browsers)
  } finally {
    await browsers?.close().catch(() => undefined)
  }
}

async function makeOutputs(
  options: BuildOptions,
  timed: <T>(stage: string, run: () => Promise<T>) => Promise<T>,
  emit: (event: BuildEvent) => void,
  browsers: BrowserPool | undefined,
): Promise<BuildResult> {
  const { tree, files: sourceFiles } = await timed('read', () => manuscriptToBookTree(options.dir, options.overrides))
  const files = [...sourceFiles]
  const fatal = () => files.some((file) => file.messages.some((message) => message.fatal === true))
  if (fatal()) return { files, outputs: [], tree }

  const wants = (format: Format) => options.formats.has(format)
  const pending: { name: string; data: Uint8Array | string; pages?: number }[] = []
  let pageCount: number | undefined
  let pageStarts: readonly PageStart[] | undefined
  let printPdf: Uint8Array | undefined
  let report: TypesettingReport | undefined

  const images = webImages(tree)
  if (wants('html')) {
    pending.push({ name: 'book.html', data: await timed('html', async () => bookTreeToWebHtml(tree, { stylesheets: webStylesheets, images })) })
  }
  // Each output's stage is loaded only when it is built: `--format html` never loads Chromium's driver or pdf-lib.
  if (wants('pdf') || wants('booklet') || wants('cover')) {
    const { bookTreeToPdf } = await import('./print/book-tree-to-pdf.ts')
    // The booklet is always wrapped in its covers; book.pdf when book.yaml asks for them (printCover, or a cover or backCover).
    const printCover = tree.book.printCover ?? (tree.book.profile === 'zine' || Boolean(tree.book.cover || tree.book.backCover))
    const printed = await timed('pdf', () =>
      bookTreeToPdf(tree, {
        ...(options.signal ? { signal: options.signal } : {}),
        // startBrowsers starts one for every build with a print edition.
        browsers: browsers!,
        covers: { wrap: wants('booklet') || (wants('pdf') && printCover), spread: wants('cover') },
        ...(options.report ? { report: true } : {}),
        onProgress: (progress) =>
          emit({ type: 'progress', stage: 'pdf', pages: progress.pages, message: `${progress.pages} pages laid out${progress.chapter ? ` (${progress.chapter})` : ''}` }),
      }),
    )
    // The stage's messages name the output they concern, where the writer will look for it.
    printed.file.path = path.join(options.out, 'book.pdf')
    files.push(printed.file)
    ;({ pageCount, pageStarts, pdf: printPdf, report } = printed)
    if (report) pending.push({ name: 'book.report.json', data: `${JSON.stringify(report, null, 2)}\n` })
    const { covered, spread } = printed
    if (covered && printCover) {
      pageCount = covered.pageCount
      pageStarts = pageStarts.map((start) => ({ ...start, page: start.page + covered.offset }))
    }
    if (wants('pdf')) pending.push({ name: 'book.pdf', data: covered && printCover ? covered.pdf : printed.pdf, pages: pageCount })
    if (covered) printPdf = covered.pdf
    if (spread) {
      pending.push({ name: 'book-cover.pdf', data: spread.pdf })
      emit({ type: 'progress', stage: 'cover', message: `Cover spread ${spread.widthMm} × ${spread.heightMm} mm, spine ${spread.spineMm} mm (${printed.pageCount} pages; book.yaml: paper)` })
    }
  }
  if (wants('booklet') && printPdf && tree.book.profile === 'zine' && (pageCount ?? 0) <= 8) {
    const { pdfToZine } = await import('./impose/pdf-to-zine.ts')
    const file = new VFile({ path: path.join(options.out, 'book-zine.pdf') })
    files.push(file)
    const { pageDesign } = await import('./print/print-page-css.ts')
    const zine = await timed('booklet', () => pdfToZine(printPdf, { file, bodySizePt: pageDesign(tree.book.pageSize).fontSize, keepLastPage: Boolean(tree.book.backCover), ...zineOptions(tree) }))
    pending.push({ name: 'book-zine.pdf', data: zine.pdf, pages: 1 })
    for (const line of zine.report.instructions) emit({ type: 'progress', stage: 'booklet', message: line })
  } else if (wants('booklet') && printPdf) {
    const { pdfToBooklet } = await import('./impose/pdf-to-booklet.ts')
    const file = new VFile({ path: path.join(options.out, 'book-booklet.pdf') })
    files.push(file)
    // The back cover stays the booklet's last page, the blanks before it.
    const booklet = await timed('booklet', () => pdfToBooklet(printPdf, { file, ...bookletOptions(tree), keepLastPage: true, ...(options.signal ? { signal: options.signal } : {}) }))
    pending.push({ name: 'book-booklet.pdf', data: booklet.pdf, pages: booklet.report.sides })
    for (const line of booklet.report.instructions) emit({ type: 'progress', stage: 'booklet', message: line })
  }
  if (wants('epub')) {
    const [{ bookTreeToEpub }, { epubDate }] = await Promise.all([import('./epub/book-tree-to-epub.ts'), import('./epub/epub-date.ts')])
    const epub = await timed('epub', async () =>
      bookTreeToEpub(tree, { date: await epubDate(tree.book), ...(pageStarts ? { pageStarts } : {}), ...(options.signal ? { signal: options.signal } : {}) }),
    )
    epub.file.path = path.join(options.out, 'book.epub')
    files.push(epub.file)
    pending.push({ name: 'book.epub', data: epub.epub })
  }
  // Under `strict`, a warning fails the build like an error: nothing is written.
  const strictFailure = tree.book.strict && files.some((file) => file.messages.some((message) => message.fatal === false))
  if (fatal() || strictFailure) return { files, outputs: [], tree }

  // Every output was made: only now does anything in --out change.
  const outputs: string[] = []
  await mkdir(options.out, { recursive: true })
  if (wants('html')) await writeWebAssets(tree, options.out, images)
  for (const output of pending) {
    const file = path.join(options.out, output.name)
    await writeFileAtomic(file, output.data)
    outputs.push(file)
    const bytes = typeof output.data === 'string' ? Buffer.byteLength(output.data) : output.data.byteLength
    emit({ type: 'output', file, bytes, ...(output.pages ? { pages: output.pages } : {}) })
  }
  return { files, outputs, tree, ...(pageCount ? { pageCount } : {}), ...(report ? { report } : {}) }
}

function zineOptions({ book }: BookTree) {
  const { sheet, marks } = book.booklet
  return { ...(sheet ? { sheet } : {}), ...(marks ? { marks } : {}) }
}

function bookletOptions({ book }: BookTree) {
  const { sheet, creep, signature, marks, keepLastPage } = book.booklet
  return {
    ...(sheet ? { sheet } : {}),
    ...(creep !== undefined ? { creepMm: creep } : {}),
    ...(signature !== undefined ? { signatureSheets: signature } : {}),
    ...(marks ? { marks } : {}),
    ...(keepLastPage ? { keepLastPage } : {}),
  }
}
