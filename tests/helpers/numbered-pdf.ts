import { PDFDocument, StandardFonts, degrees } from 'pdf-lib'

/** Options for {@link numberedPdf}. */
export interface NumberedPdfOptions {
  /** Page size in points; A5 by default. */
  readonly size?: readonly [number, number]
  readonly title?: string
  /** `/Rotate` for every page. */
  readonly rotate?: number
  readonly creationDate?: Date
}

/** A PDF whose pages say "Page N" near their top left (Helvetica, real text), for imposition tests. */
export async function numberedPdf(count: number, options: NumberedPdfOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false })
  if (options.title) doc.setTitle(options.title)
  if (options.creationDate) doc.setCreationDate(options.creationDate)
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const [width, height] = options.size ?? [419.53, 595.28]
  for (let number = 1; number <= count; number++) {
    const page = doc.addPage([width, height])
    page.drawText(`Page ${number}`, { x: 40, y: height - 60, size: 20, font })
    if (options.rotate) page.setRotation(degrees(options.rotate))
  }
  return doc.save()
}
