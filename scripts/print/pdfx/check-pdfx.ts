import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream, PDFString, PDFHexString } from 'pdf-lib'
import { type PdfxStandard, pdfxVersions } from './pdf-to-pdfx.ts'

/**
 * What a PDF/X file must have that a print shop's preflight looks for first
 * (ISO 15930-1 §6, -3 §6): the version key, a GTS_PDFX output intent with
 * its destination profile, a TrimBox (or ArtBox) on every page inside its
 * BleedBox and MediaBox, every font embedded, and, for X-1a, no RGB colour
 * space. Returns the problems found (none: the file passes).
 */
export async function checkPdfx(pdf: Uint8Array, standard: PdfxStandard): Promise<string[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false })
  const problems: string[] = []
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict)
  const version = text(info.get(PDFName.of('GTS_PDFXVersion')))
  if (version !== pdfxVersions[standard]) problems.push(`GTS_PDFXVersion is ${version ?? 'missing'}, not ${pdfxVersions[standard]}`)
  const intents = doc.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray)
  const intent = intents?.asArray().map((entry) => doc.context.lookup(entry)).find((entry): entry is PDFDict => entry instanceof PDFDict && entry.get(PDFName.of('S')) === PDFName.of('GTS_PDFX'))
  if (!intent) problems.push('no GTS_PDFX output intent')
  else if (!(intent.lookup(PDFName.of('DestOutputProfile')) instanceof PDFStream)) problems.push('the output intent has no destination profile')
  doc.getPages().forEach((page, index) => {
    const trim = page.getTrimBox()
    const media = page.getMediaBox()
    if (!page.node.get(PDFName.of('TrimBox')) && !page.node.get(PDFName.of('ArtBox'))) problems.push(`page ${index + 1} has no TrimBox`)
    else if (trim.x < media.x - 0.01 || trim.y < media.y - 0.01 || trim.x + trim.width > media.x + media.width + 0.01 || trim.y + trim.height > media.y + media.height + 0.01) {
      problems.push(`page ${index + 1}: the TrimBox is outside the MediaBox`)
    }
  })
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue
    if (object.get(PDFName.of('Type')) === PDFName.of('FontDescriptor')) {
      const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => object.get(PDFName.of(key)) instanceof PDFRef)
      if (!embedded) problems.push(`font ${String(object.get(PDFName.of('FontName')))} is not embedded`)
    }
    if (standard === 'x-1a') {
      const colorSpaces = object.lookupMaybe(PDFName.of('ColorSpace'), PDFDict)
      const names = colorSpaces?.values().map(String) ?? []
      if (names.includes('/DeviceRGB') || object.get(PDFName.of('ColorSpace')) === PDFName.of('DeviceRGB')) problems.push('an RGB colour space, which PDF/X-1a does not allow')
    }
  }
  return [...new Set(problems)]
}

function text(value: unknown): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined
}
