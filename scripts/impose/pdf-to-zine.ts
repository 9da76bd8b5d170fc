import type { VFile } from 'vfile'
import { warn } from '../diagnostics/fail.ts'
import { drawSourcePage, embedSourcePages, shownSize } from './draw-source-page.ts'
import type { ImposeReport } from './impose-report.ts'
import { createImposedPdf, saveImposedPdf } from './imposed-pdf.ts'
import { placePage } from './place-page.ts'
import { drawCutLine, drawFoldLines } from './print-marks.ts'
import { readSourcePdf } from './read-source-pdf.ts'
import type { SheetName } from '../config/sheet-names.ts'
import { homeSheet } from './home-sheet.ts'
import { zineSheet } from './sheet-sizes.ts'
import { zine8Cells, zine8CutLine, zine8FoldLines, zine8Pages } from './zine8-layout.ts'
import { zineInstructions } from './zine-instructions.ts'

/** Options for {@link pdfToZine}. */
export interface ZineOptions {
  /** Where problems are reported; its path names the input PDF in messages. */
  readonly file: VFile
  /** Paper size; by default the region's (see homeSheet): Letter in the US and Canada, A4 elsewhere. */
  readonly sheet?: SheetName
  /** Draw the fold lines as well as the cut. */
  readonly marks?: boolean
  /** Keep the last page as the back cover. */
  readonly keepLastPage?: boolean
  /** The body type's size on the pages, in pt, when known: a zine that would print it under 7 pt is reported. */
  readonly bodySizePt?: number
  readonly signal?: AbortSignal
}

// Below about 7 pt body text is hard to read in print (a newspaper's agate type, the smallest in common use, is 5.5–6 pt).
const minimumTextPt = 7

/**
 * Impose up to eight pages as the classic one-sheet mini-zine: one side of
 * one landscape sheet, 4 × 2 panels, the top row upside down, one cut in the
 * middle. Pages are scaled to fit their panels and stay vector.
 */
export async function pdfToZine(input: Uint8Array, options: ZineOptions): Promise<{ pdf: Uint8Array; report: ImposeReport }> {
  const { file } = options
  const source = await readSourcePdf(input, file)
  const pageCount = source.getPageCount()
  const sheet = zineSheet(options.sheet, homeSheet(source, shownSize(source.getPage(0))))
  const doc = await createImposedPdf(source, { duplex: 'one-sided' })
  const pages = await embedSourcePages(doc, source, file)
  options.signal?.throwIfAborted()
  const target = doc.addPage([sheet.width, sheet.height])
  const cells = zine8Cells(sheet)
  const slots = zine8Pages(pageCount, options.keepLastPage ?? false)
  let scale = 1
  slots.forEach((index, zinePage) => {
    const cell = cells[zinePage]!
    const page = index === null ? null : (pages[index] ?? null)
    if (!page) return
    const placement = placePage(page.size, page.rotation, cell, { turn: cell.rotation, enlarge: true })
    if (zinePage === 0) scale = placement.scale
    drawSourcePage(target, page, placement, cell)
  })
  if (options.marks) drawFoldLines(target, zine8FoldLines(sheet))
  drawCutLine(target, zine8CutLine(sheet))
  if (pageCount > 8) {
    const name = file.path || 'the input'
    warn(
      file,
      `${name} has ${pageCount} pages; a one-sheet zine holds 8, so only ${slots.filter((slot) => slot !== null).length} of them are on the sheet. For the whole text make a booklet: \`samizdat impose ${name} --layout booklet\``,
      'impose-zine-too-long',
    )
  }
  if (options.bodySizePt && options.bodySizePt * scale < minimumTextPt) {
    const printed = Math.round(options.bodySizePt * scale * 10) / 10
    warn(
      file,
      `On ${sheet.name} the pages print at ${Math.round(scale * 100)} %, so the ${options.bodySizePt} pt text comes out at ${printed} pt, under the ${minimumTextPt} pt that stays readable: make the zine at zine size (pageSize: A7 on A4, quarter-letter on letter) so it prints at 100 %`,
      'impose-zine-small-text',
    )
  }
  const blanks = slots.filter((slot) => slot === null).length
  const instructions = zineInstructions(sheet, scale, blanks)
  const pdf = await saveImposedPdf(doc)
  const report: ImposeReport = { layout: 'zine8', sheet, sourcePages: pageCount, sides: 1, sheets: 1, signatures: 1, blanks, scale, instructions }
  return { pdf, report }
}
