import { createHash } from 'node:crypto'
import { PDFDict, PDFDocument, PDFHexString, PDFName, ParseSpeeds } from 'pdf-lib'
import type { Folio } from '../layout/read-page-map.ts'
import { addOutline, type OutlineEntry } from './add-outline.ts'
import { addPageLabels } from './add-page-labels.ts'

export { bookOutline, type OutlineEntry } from './add-outline.ts'

/** The book's document information. */
export interface PdfMetadata {
  readonly title: string
  readonly authors: readonly string[]
  readonly subject?: string
  readonly keywords: readonly string[]
  /** BCP 47 language tag, e.g. `en-GB`. */
  readonly lang: string
  /** The book's date (`2024`, `2024-05`, `2024-05-01` or a full ISO date); `SOURCE_DATE_EPOCH` wins over it. */
  readonly date?: string
}

/** What `finishPdf` adds to Chromium's PDF. */
export interface FinishPdfOptions {
  readonly metadata: PdfMetadata
  readonly outline: readonly OutlineEntry[]
  /** The folio of each page, for page labels. */
  readonly folios: readonly Folio[]
  /** Defaults to `process.env`; tests pass their own. */
  readonly env?: Readonly<Record<string, string | undefined>>
}

// Same-length stand-in for the /ID, replaced by the hash of the saved file.
const idPlaceholder = 'f'.repeat(32)

/**
 * Turn Chromium's PDF into the book's: metadata, language, outline, page
 * labels; and make it reproducible: no build-time dates (the book's date or
 * `SOURCE_DATE_EPOCH` instead), an /ID derived from the content, and a
 * fixed serialisation, so the same HTML gives the same bytes.
 */
export async function finishPdf(raw: Uint8Array | PDFDocument, options: FinishPdfOptions): Promise<{ pdf: Uint8Array; pageCount: number }> {
  // updateMetadata: false, or pdf-lib stamps its own producer and the current time. A document at hand (joined pieces) is not saved and parsed again.
  const doc = raw instanceof PDFDocument ? raw : await PDFDocument.load(raw, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest })
  const { metadata } = options
  const chromium = doc.getProducer()
  setInfo(doc, options.metadata, chromium, options.env ?? process.env)
  doc.setLanguage(metadata.lang)

  addOutline(doc, options.outline)
  addPageLabels(doc, options.folios)

  return { pdf: await saveBookPdf(doc), pageCount: doc.getPageCount() }
}

/** Save a book PDF reproducibly: a fixed serialisation and an /ID that is the hash of the saved file. */
export async function saveBookPdf(doc: PDFDocument): Promise<Uint8Array> {
  const id = PDFHexString.of(idPlaceholder)
  doc.context.trailerInfo.ID = doc.context.obj([id, id])
  // Object streams make tagged PDFs (many small structure objects) much smaller; kept fixed for reproducibility.
  const saved = await doc.save({
    useObjectStreams: true,
    addDefaultPage: false,
    updateFieldAppearances: false,
    objectsPerTick: Number.POSITIVE_INFINITY,
  })
  return stampId(saved)
}

function setInfo(doc: PDFDocument, metadata: PdfMetadata, chromium: string | undefined, env: FinishPdfOptions['env']): void {
  doc.setTitle(metadata.title, { showInWindowTitleBar: true })
  if (metadata.authors.length > 0) doc.setAuthor(metadata.authors.join(', '))
  if (metadata.subject) doc.setSubject(metadata.subject)
  if (metadata.keywords.length > 0) doc.setKeywords([...metadata.keywords])
  doc.setCreator('samizdat')
  doc.setProducer(chromium ? `samizdat (Paged.js, ${chromium}, pdf-lib)` : 'samizdat (Paged.js, Chromium, pdf-lib)')
  const date = bookDate(metadata.date, env?.['SOURCE_DATE_EPOCH'])
  if (date) {
    doc.setCreationDate(date)
    doc.setModificationDate(date)
    return
  }
  // No date we may use: leave none rather than Chromium's "now", which would change every build.
  const info = doc.context.lookup(doc.context.trailerInfo.Info)
  if (info instanceof PDFDict) {
    info.delete(PDFName.of('CreationDate'))
    info.delete(PDFName.of('ModDate'))
  }
}

/** The date to stamp: `SOURCE_DATE_EPOCH` (reproducible-builds.org) first, then the book's date. */
export function bookDate(date: string | undefined, sourceDateEpoch: string | undefined): Date | undefined {
  if (sourceDateEpoch && /^\d+$/.test(sourceDateEpoch)) return new Date(Number(sourceDateEpoch) * 1000)
  if (!date) return undefined
  const parts = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date.trim())
  if (parts) return new Date(Date.UTC(Number(parts[1]), Number(parts[2] ?? 1) - 1, Number(parts[3] ?? 1)))
  const parsed = new Date(date)
  return Number.isNaN(parsed.getTime()) ? undefined : parsed
}

/**
 * Replace the placeholder /ID with a hash of the file itself: the same
 * content gets the same ID, different content a different one. Same
 * length, so no offset in the cross-reference table moves.
 */
function stampId(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 32)
  const placeholder = Buffer.from(`<${idPlaceholder}>`, 'latin1')
  const stamped = Buffer.from(text)
  for (let at = stamped.indexOf(placeholder); at >= 0; at = stamped.indexOf(placeholder, at + 1)) {
    stamped.write(`<${hash}>`, at, 'latin1')
  }
  return new Uint8Array(stamped.buffer, stamped.byteOffset, stamped.byteLength)
}
