import { PDFDocument, PDFName, rgb } from 'pdf-lib'
import { saveBookPdf } from '../finish/pdf-finish.ts'
import { type CoverBox, coverPageIndex } from './cover-document.ts'
import { type Paper, spineWidthMm } from './spine-width.ts'

const ptPerMm = 72 / 25.4
// The cover's background (styles/cover.css), for the spine between the two covers.
const background = rgb(0xf4 / 255, 0xef / 255, 0xe3 / 255)
// The spine strip's text sits in its first 6 mm (cover.css); a thinner spine has no room for it.
const spineTextMm = 6

/** The spread and its measures, for the build's summary. */
export interface CoverSpread {
  readonly pdf: Uint8Array
  readonly spineMm: number
  readonly widthMm: number
  readonly heightMm: number
}

/**
 * `book-cover.pdf`: one page, back cover, spine and front cover side by side
 * with the bleed around the whole, for a print shop's perfect binding or
 * card stock at home. The spine is as wide as `pages` of `paper` make the
 * text block (see spineWidthMm) and carries the title and people when it is
 * at least 6 mm wide. TrimBox and BleedBox say where to cut.
 */
export async function coverSpread(covers: Uint8Array, box: CoverBox, pages: number, paper: Paper, title: string): Promise<CoverSpread> {
  const source = await PDFDocument.load(covers, { updateMetadata: false })
  const doc = await PDFDocument.create({ updateMetadata: false })
  const spineMm = spineWidthMm(pages, paper)
  const [b, w, h, s] = [box.bleed, box.width, box.height, spineMm].map((mm) => mm * ptPerMm) as [number, number, number, number]
  const page = doc.addPage([2 * b + 2 * w + s, h + 2 * b])
  const full = { bottom: 0, top: h + 2 * b }
  const [back, front] = await doc.embedPages(
    [source.getPage(coverPageIndex.back), source.getPage(coverPageIndex.front)],
    // The back keeps its bleed on the left, the front on the right; the spine lies between.
    [
      { ...full, left: 0, right: b + w },
      { ...full, left: b, right: w + 2 * b },
    ],
  )
  page.drawPage(back!, { x: 0, y: 0 })
  page.drawRectangle({ x: b + w, y: 0, width: s, height: h + 2 * b, color: background })
  page.drawPage(front!, { x: b + w + s, y: 0 })
  if (spineMm >= spineTextMm) {
    const [spine] = await doc.embedPages([source.getPage(coverPageIndex.spine)], [{ ...full, left: 0, right: spineTextMm * ptPerMm }])
    page.drawPage(spine!, { x: b + w + (s - spineTextMm * ptPerMm) / 2, y: 0 })
  }
  page.node.set(PDFName.of('TrimBox'), doc.context.obj([b, b, b + 2 * w + s, b + h]))
  page.node.set(PDFName.of('BleedBox'), doc.context.obj([0, 0, 2 * b + 2 * w + s, h + 2 * b]))
  doc.setTitle(`${title}: cover`)
  doc.setCreator('samizdat')
  doc.setProducer('samizdat (Chromium, pdf-lib)')
  const round = (mm: number) => Math.round(mm * 10) / 10
  return { pdf: await saveBookPdf(doc), spineMm: round(spineMm), widthMm: round(2 * box.bleed + 2 * box.width + spineMm), heightMm: round(box.height + 2 * box.bleed) }
}
