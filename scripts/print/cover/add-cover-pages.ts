import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, type PDFObject, PDFString, ParseSpeeds } from 'pdf-lib'
import { saveBookPdf } from '../finish/pdf-finish.ts'
import { coverPageIndex } from './cover-document.ts'

/** The book with its covers, and where the interior's first page now is. */
export interface CoveredPdf {
  readonly pdf: Uint8Array
  readonly pageCount: number
  /** Pages before the interior's first (the front cover and its inside): add it to a 1-based interior page number. */
  readonly offset: number
  /** A zine's blank pages added to fill its sheets, and the page they follow (1-based, in the covered PDF). */
  readonly padding?: { readonly blanks: number; readonly after: number; readonly multiple: number }
}

/** How to wrap: a book's covers with blank insides, or a zine's (see {@link addCoverPages}). */
export interface CoverWrap {
  readonly zine?: boolean
  /** Add the back cover (a book always has one; a zine when it has a `backCover` text). */
  readonly back?: boolean
}

/**
 * Wrap the finished interior in its covers. A book: the front cover first
 * and its blank inside, so the half-title stays on a recto; at the end a
 * blank inside back cover when needed, so the back cover is a verso and the
 * count even. A zine: the cover is page 1 and the text starts on page 2;
 * blanks fill the count to a multiple of 8 (one sheet) or of 4 (a stapled
 * zine), at the end, before the back cover. Page labels name the cover
 * pages and keep the folios of the rest; the outline points at pages, not
 * numbers, so it is unchanged.
 */
export async function addCoverPages(interior: Uint8Array, covers: Uint8Array, wrap: CoverWrap = {}): Promise<CoveredPdf> {
  const doc = await PDFDocument.load(interior, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest })
  const coverDoc = await PDFDocument.load(covers, { updateMetadata: false })
  const [front, back] = await doc.copyPages(coverDoc, [coverPageIndex.front, coverPageIndex.back])
  const { width, height } = doc.getPage(0).getSize()
  const count = doc.getPageCount()
  const withBack = wrap.back ?? true
  const offset = wrap.zine ? 1 : 2
  doc.insertPage(0, front!)
  if (!wrap.zine) doc.insertPage(1, [width, height])
  const labels: [number, string][] = [[0, 'Front cover'], ...(wrap.zine ? [] : [[1, 'Inside front cover'] as [number, string]])]
  const pages = offset + count + (withBack ? 1 : 0)
  const multiple = wrap.zine ? (pages <= 8 ? 8 : 4) : 2
  const blanks = (multiple - (pages % multiple)) % multiple
  for (let blank = 0; blank < blanks; blank++) doc.addPage([width, height])
  if (blanks > 0) labels.push([offset + count, wrap.zine ? 'Blank' : 'Inside back cover'])
  if (withBack) {
    doc.addPage(back!)
    labels.push([doc.getPageCount() - 1, 'Back cover'])
  }
  relabel(doc, offset, labels)
  return {
    pdf: await saveBookPdf(doc),
    pageCount: doc.getPageCount(),
    offset,
    ...(wrap.zine ? { padding: { blanks, after: offset + count, multiple } } : {}),
  }
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
