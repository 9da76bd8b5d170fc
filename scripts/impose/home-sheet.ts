import { PDFName, type PDFDocument, PDFString, PDFHexString } from 'pdf-lib'
import type { Size } from './sheet-sizes.ts'

/** The paper a home printer takes: A4, or US Letter. */
export type HomeSheet = 'A4' | 'letter'

// Where Letter is the common paper (CLDR supplemental data, measurementData paperSize "US-Letter"); everywhere else A4.
const letterRegions = new Set(['BZ', 'CA', 'CL', 'CO', 'CR', 'GT', 'MX', 'NI', 'PA', 'PH', 'PR', 'SV', 'US', 'VE'])

/**
 * The paper to impose on when none is named: Letter in the regions that use
 * it, A4 elsewhere. The region is the document's own (the PDF's /Lang, which
 * samizdat sets from book.yaml's `lang`: `en-GB` → A4, `en-US`, `fr-CA` →
 * Letter), else the pages' size (whole or half inches → Letter). Never the
 * machine's locale: the same book makes the same booklet everywhere.
 */
export function homeSheet(source: PDFDocument, page: Size): HomeSheet {
  const region = regionOf(documentLang(source))
  if (region) return letterRegions.has(region) ? 'letter' : 'A4'
  return isUsSize(page) ? 'letter' : 'A4'
}

/** The region of a BCP 47 tag (`en-GB` → `GB`) or a POSIX locale (`en_US.UTF-8` → `US`); undefined when it names none. */
export function regionOf(tag: string | undefined): string | undefined {
  if (!tag) return undefined
  const bcp47 = tag.split('.')[0]!.split('@')[0]!.replace('_', '-')
  try {
    return new Intl.Locale(bcp47).region?.toUpperCase()
  } catch {
    return undefined
  }
}

function documentLang(source: PDFDocument): string | undefined {
  const lang = source.catalog.get(PDFName.of('Lang'))
  return lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined
}

/** Whole-inch or half-inch sides (letter, half-letter, 6 × 9 in) mark a US book; ISO sizes are never. */
export function isUsSize(page: Size): boolean {
  const halfInches = (pt: number) => Math.abs(pt / 36 - Math.round(pt / 36)) < 0.01
  return halfInches(page.width) && halfInches(page.height)
}
