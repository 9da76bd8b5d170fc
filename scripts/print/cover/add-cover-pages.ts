import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, type PDFObject, PDFString, ParseSpeeds } from 'pdf-lib'
import { saveBookPdf } from '../finish/pdf-finish.ts'
import { coverPageIndex } from './cover-document.ts'

/** The book with its covers, and where the interior's first page now is. */
export interface CoveredPdf {
  readonly pdf: Uint8Array
  readonly pageCount: number
  /** Pages before the interior's first (the front cover and its inside): add it to a 1-based interior page number. */
  readonly offset: number
}

/**
 * Wrap the finished interior in its covers: the front cover first and its
 * blank inside, so the half-title stays on a recto; at the end a blank
 * inside back cover when needed, so the back cover is a verso and the
 * count is even. Page labels name the cover pages and keep the folios of
 * the rest; the outline points at pages, not numbers, so it is unchanged.
 */
export async function addCoverPages(interior: Uint8Array, covers: Uint8Array): Promise<CoveredPdf> {
  const doc = await PDFDocument.load(interior, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest })
  const coverDoc = await PDFDocument.load(covers, { updateMetadata: false })
  const [front, back] = await doc.copyPages(coverDoc, [coverPageIndex.front, coverPageIndex.back])
  const { width, height } = doc.getPage(0).getSize()
  const count = doc.getPageCount()
  doc.insertPage(0, front!)
  doc.insertPage(1, [width, height])
  const insideBack = (2 + count) % 2 === 0
  if (insideBack) doc.addPage([width, height])
  doc.addPage(back!)
  const labels: [number, string][] = [
    [0, 'Front cover'],
    [1, 'Inside front cover'],
    ...(insideBack ? [[doc.getPageCount() - 2, 'Inside back cover'] as [number, string]] : []),
    [doc.getPageCount() - 1, 'Back cover'],
  ]
  relabel(doc, 2, labels)
  return { pdf: await saveBookPdf(doc), pageCount: doc.getPageCount(), offset: 2 }
}

/**
 * Shift the interior's page label ranges by `shift` pages and add a range
 * of its own (a prefix, no number: PDF 32000-1 §12.4.2) for each cover page.
 */
function relabel(doc: PDFDocument, shift: number, covers: readonly [number, string][]): void {
  const ranges: [number, PDFObject][] = []
  const existing = doc.catalog.lookupMaybe(PDFName.of('PageLabels'), PDFDict)?.lookupMaybe(PDFName.of('Nums'), PDFArray)
  for (let index = 0; existing && index + 1 < existing.size(); index += 2) {
    const start = existing.lookup(index, PDFNumber).asNumber()
    ranges.push([start + shift, existing.get(index + 1)])
  }
  for (const [index, label] of covers) ranges.push([index, doc.context.obj({ P: PDFString.of(label) })])
  // Each cover page starts a range of its own, so the interior's last range ends where the back covers begin.
  ranges.sort((a, b) => a[0] - b[0])
  const nums = ranges.flatMap(([index, range]) => [PDFNumber.of(index), range])
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: nums }))
}
