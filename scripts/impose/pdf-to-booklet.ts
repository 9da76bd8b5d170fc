import type { PDFDocument } from 'pdf-lib'
import type { VFile } from 'vfile'
import { warn } from '../diagnostics/fail.ts'
import { bookletInstructions } from './booklet-instructions.ts'
import { type BookletSide, bookletOrder } from './booklet-order.ts'
import { drawSourcePage, embedSourcePages, type SourcePage, shownSize } from './draw-source-page.ts'
import type { ImposeReport } from './impose-report.ts'
import { createImposedPdf, saveImposedPdf } from './imposed-pdf.ts'
import { placePage, type Rect } from './place-page.ts'
import { drawTrimAndFoldMarks } from './print-marks.ts'
import { homeSheet } from './home-sheet.ts'
import { readSourcePdf } from './read-source-pdf.ts'
import type { SheetName } from '../config/sheet-names.ts'
import { bookletSheet, mmToPt, ptToMm, type Sheet, type Size } from './sheet-sizes.ts'

/** Options for {@link pdfToBooklet}. */
export interface BookletOptions {
  /** Where problems are reported; its path names the input PDF in messages. */
  readonly file: VFile
  /** Paper size; by default the region's (see homeSheet): Letter in the US and Canada, A4 elsewhere. */
  readonly sheet?: SheetName
  /** Creep compensation, in mm per sheet from the outside of each signature. */
  readonly creepMm?: number
  /** Sheets per signature; by default one signature (saddle stitch). */
  readonly signatureSheets?: number
  /** Draw trim marks and fold marks outside the pages (they are drawn anyway when the pages must be trimmed). */
  readonly marks?: boolean
  /** Keep the last page last (a back cover), with the blanks before it. */
  readonly keepLastPage?: boolean
  readonly signal?: AbortSignal
}

// Beyond about 16 sheets of 80 gsm paper a saddle-stitched booklet will not fold flat or staple.
const saddleStitchSheets = 16
// Shifting content further than this eats most inner margins: say so.
const largeCreepMm = 5

/**
 * Impose a PDF as a booklet: two pages side by side on each side of a sheet
 * twice their size, in the order that reads right once printed double-sided
 * (flip on the short edge), folded and nested. Pages stay vector: each is a
 * form XObject, so text stays text and fonts stay fonts.
 */
export async function pdfToBooklet(input: Uint8Array, options: BookletOptions): Promise<{ pdf: Uint8Array; report: ImposeReport }> {
  const { file } = options
  const creepMm = options.creepMm ?? 0
  if (!(creepMm >= 0)) throw new RangeError(`Creep must be 0 mm or more, got ${creepMm}`)
  const source = await readSourcePdf(input, file)
  const pageCount = source.getPageCount()
  const keepLastPage = options.keepLastPage ?? false
  const order = bookletOrder(pageCount, {
    keepLastPage,
    ...(options.signatureSheets === undefined ? {} : { signatureSheets: options.signatureSheets }),
  })
  // The first page sets the sheet; pages of other sizes are fitted into the same half-sheet.
  const page = shownSize(source.getPage(0))
  const sheet = bookletSheet(page, options.sheet, homeSheet(source, page))
  const doc = await createImposedPdf(source, { duplex: 'short-edge' })
  const pages = await embedSourcePages(doc, source, file)
  const nominal = spreadOnSheet(page, sheet)
  // Whenever the instructions will say "trim", the sheet shows where.
  const drawMarks = options.marks === true || nominal.trimmed
  let marksFit = false
  for (const signature of order.signatures) {
    for (const paper of signature.sheets) {
      options.signal?.throwIfAborted()
      for (const side of [paper.front, paper.back]) {
        const shift = mmToPt(creepMm * paper.depth)
        drawSide(doc, sheet, side, pages, shift)
        if (drawMarks) {
          const target = doc.getPage(doc.getPageCount() - 1)
          marksFit = drawTrimAndFoldMarks(target, sheet, nominal.spread, sheet.width / 2) || marksFit
        }
      }
    }
  }
  const signatureSheets = order.signatures.map((signature) => signature.sheets.length)
  adviseOnThickness(file, pageCount, signatureSheets, creepMm)
  if (options.marks && !marksFit) {
    warn(file, 'No room for trim or fold marks: the pages fill the sheet, so there is nothing to trim. For marks, choose a bigger --sheet', 'impose-no-room-for-marks')
  }
  const sides = doc.getPageCount()
  const trim = nominal.trimmed ? (marksFit ? 'marks' : `${ptToMm(page.width)} × ${ptToMm(page.height)} mm`) : 'none'
  const instructions = bookletInstructions({ sheet, sides, signatureSheets, blanks: order.blanks, keepLastPage, scale: nominal.scale, creepMm, trim })
  const pdf = await saveImposedPdf(doc)
  const report: ImposeReport = {
    layout: 'booklet',
    sheet,
    sourcePages: pageCount,
    sides,
    sheets: sides / 2,
    signatures: order.signatures.length,
    blanks: order.blanks,
    scale: nominal.scale,
    instructions,
  }
  return { pdf, report }
}

/** Where two pages of the first page's size sit on the sheet, without creep: the area to trim to. */
function spreadOnSheet(page: Size, sheet: Sheet): { spread: Rect; scale: number; trimmed: boolean } {
  const left = placePage(page, 0, { x: 0, y: 0, width: sheet.width / 2, height: sheet.height }, { align: 'right' })
  const spread: Rect = { x: left.covers.x, y: left.covers.y, width: 2 * left.covers.width, height: left.covers.height }
  // Two A5 pages on A4 leave 1 mm spare: not worth a cut. More than 2 mm is.
  const trimmed = sheet.width - spread.width > mmToPt(2) || sheet.height - spread.height > mmToPt(2)
  return { spread, scale: left.scale, trimmed }
}

/** Add one printed side: the left and right source pages, each clipped to its half of the sheet. */
function drawSide(doc: PDFDocument, sheet: Sheet, side: BookletSide, pages: readonly (SourcePage | null)[], shift: number): void {
  const target = doc.addPage([sheet.width, sheet.height])
  const half = sheet.width / 2
  const halves = [
    { index: side.left, box: { x: 0, y: 0, width: half, height: sheet.height }, align: 'right' as const, shift },
    { index: side.right, box: { x: half, y: 0, width: half, height: sheet.height }, align: 'left' as const, shift: -shift },
  ]
  for (const { index, box, align, shift: move } of halves) {
    const source = index === null ? null : (pages[index] ?? null)
    if (!source) continue
    const placement = placePage(source.size, source.rotation, { ...box, x: box.x + move }, { align })
    drawSourcePage(target, source, placement, box)
  }
}

/** Warn when a single saddle-stitched booklet is too thick, or creep eats the inner margin. */
function adviseOnThickness(file: VFile, pageCount: number, signatureSheets: readonly number[], creepMm: number): void {
  const thickest = Math.max(...signatureSheets)
  if (signatureSheets.length === 1 && thickest > saddleStitchSheets) {
    warn(
      file,
      `${pageCount} pages make a booklet of ${thickest} sheets folded together; more than about ${saddleStitchSheets} sheets of 80 gsm paper will not fold flat or staple. Split it into signatures (\`--signature 8\`) and sew or glue them, and add creep (\`--creep 0.1\`)`,
      'impose-thick-booklet',
    )
  }
  const deepest = creepMm * (thickest - 1)
  if (deepest > largeCreepMm) {
    warn(
      file,
      `Creep moves the innermost pages ${Math.round(deepest * 10) / 10} mm toward the fold, more than most inner margins can lose. Use a smaller --creep (about the paper's thickness, 0.1 mm for 80 gsm) or smaller signatures`,
      'impose-creep-too-large',
    )
  }
}
