import { PDFDocument, type PDFPage, ParseSpeeds, rgb } from 'pdf-lib'
import { saveBookPdf } from './pdf-finish.ts'

const ptPerMm = 72 / 25.4
// The slug: the margin outside the bleed where the marks go (and the printer's own colour bars and notes).
const slugMm = 10
// Marks stop short of the bleed, so that a slightly-off cut never shows one (ISO 12647 marks sit 3 mm or more out).
const offsetMm = 2
const markMm = 6
const hairline = 0.25
const registration = rgb(0, 0, 0)

/** What the print shop is given: the bleed every page already has, and which marks to draw in the slug. */
export interface PrintBoxes {
  /** Bleed around the trim on every page, in mm (the page as laid out is the trim plus this on each side). */
  readonly bleedMm: number
  readonly marks?: 'crop' | 'cross' | 'crop cross' | undefined
}

/**
 * Say where to cut (PDF 32000-1 §14.11.2): on every page a TrimBox (the
 * finished page) and a BleedBox (the trim plus the bleed). With marks, the
 * page grows by a slug around the bleed, and the crop marks (at the trim's
 * corners) and registration crosses (at the middle of each side) are drawn
 * there, outside the bleed, so no cut ever leaves a mark on the page.
 */
export async function addPrintBoxes(input: Uint8Array, boxes: PrintBoxes): Promise<Uint8Array> {
  const doc = await PDFDocument.load(input, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest })
  for (const page of doc.getPages()) setBoxes(page, boxes)
  return saveBookPdf(doc)
}

function setBoxes(page: PDFPage, boxes: PrintBoxes): void {
  const media = page.getMediaBox()
  const bleed = boxes.bleedMm * ptPerMm
  page.setBleedBox(media.x, media.y, media.width, media.height)
  page.setTrimBox(media.x + bleed, media.y + bleed, media.width - 2 * bleed, media.height - 2 * bleed)
  if (!boxes.marks) return
  const slug = slugMm * ptPerMm
  page.setMediaBox(media.x - slug, media.y - slug, media.width + 2 * slug, media.height + 2 * slug)
  page.setCropBox(media.x - slug, media.y - slug, media.width + 2 * slug, media.height + 2 * slug)
  const trim = { left: media.x + bleed, bottom: media.y + bleed, right: media.x + media.width - bleed, top: media.y + media.height - bleed }
  const outside = { left: media.x, bottom: media.y, right: media.x + media.width, top: media.y + media.height }
  const start = offsetMm * ptPerMm
  const length = markMm * ptPerMm
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: hairline, color: registration })
  if (boxes.marks.includes('crop')) {
    for (const x of [trim.left, trim.right]) {
      line(x, outside.bottom - start, x, outside.bottom - start - length)
      line(x, outside.top + start, x, outside.top + start + length)
    }
    for (const y of [trim.bottom, trim.top]) {
      line(outside.left - start, y, outside.left - start - length, y)
      line(outside.right + start, y, outside.right + start + length, y)
    }
  }
  if (boxes.marks.includes('cross')) {
    const middle = { x: (trim.left + trim.right) / 2, y: (trim.bottom + trim.top) / 2 }
    const arm = length / 2
    const centres = [
      { x: middle.x, y: outside.bottom - start - arm },
      { x: middle.x, y: outside.top + start + arm },
      { x: outside.left - start - arm, y: middle.y },
      { x: outside.right + start + arm, y: middle.y },
    ]
    for (const { x, y } of centres) {
      line(x - arm, y, x + arm, y)
      line(x, y - arm, x, y + arm)
      page.drawCircle({ x, y, size: arm * 0.6, borderWidth: hairline, borderColor: registration })
    }
  }
}
