import { type PDFDocument, PDFName, PDFNumber, type PDFObject } from 'pdf-lib'
import type { Folio } from '../layout/read-page-map.ts'

// CSS list styles → PDF numbering styles (PDF 32000-1:2008 §12.4.2, table 159).
const pdfStyles: Record<string, string> = {
  decimal: 'D',
  'lower-roman': 'r',
  'upper-roman': 'R',
  'lower-alpha': 'a',
  'lower-latin': 'a',
  'upper-alpha': 'A',
  'upper-latin': 'A',
}

/**
 * Label the PDF's pages with the folios printed on them (`ii`, `3`), so a
 * reader's "go to page 3" lands on the page that says 3. A new label range
 * starts wherever the style changes or the numbering jumps.
 */
export function addPageLabels(doc: PDFDocument, folios: readonly Folio[]): void {
  if (folios.length === 0) return
  const nums: PDFObject[] = []
  folios.forEach((folio, index) => {
    const previous = folios[index - 1]
    if (previous && previous.style === folio.style && previous.value + 1 === folio.value) return
    const range = doc.context.obj({ S: pdfStyles[folio.style] ?? 'D' })
    // Labels count from 1; a counter at 0 or below (rare) starts its range at 1.
    if (folio.value !== 1) range.set(PDFName.of('St'), PDFNumber.of(Math.max(1, folio.value)))
    nums.push(PDFNumber.of(index), range)
  })
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: nums }))
}
