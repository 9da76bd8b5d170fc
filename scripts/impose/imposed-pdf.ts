import { Duplex, PDFDocument, PDFHexString, PDFName, PDFString, PrintScaling } from 'pdf-lib'

/** How the imposed file asks to be printed (read by Acrobat and some other print dialogs). */
export interface PrintPreferences {
  readonly duplex: 'short-edge' | 'one-sided'
}

/**
 * A new, empty PDF for imposed sheets, carrying the source's title, author,
 * subject, keywords, language and dates. Dates are copied, never "now", so the
 * same source gives the same bytes; a source without dates gives a file
 * without dates rather than an invented one.
 */
export async function createImposedPdf(source: PDFDocument, print: PrintPreferences): Promise<PDFDocument> {
  // updateMetadata: false stops pdf-lib stamping its own name and the current time.
  const doc = await PDFDocument.create({ updateMetadata: false })
  doc.setProducer('samizdat')
  doc.setCreator('samizdat')
  const title = source.getTitle()
  if (title) doc.setTitle(title)
  const author = source.getAuthor()
  if (author) doc.setAuthor(author)
  const subject = source.getSubject()
  if (subject) doc.setSubject(subject)
  const keywords = source.getKeywords()
  if (keywords) doc.setKeywords([keywords])
  const created = source.getCreationDate()
  if (created) doc.setCreationDate(created)
  const modified = source.getModificationDate()
  if (modified) doc.setModificationDate(modified)
  const lang = source.catalog.lookup(PDFName.of('Lang'))
  if (lang instanceof PDFString || lang instanceof PDFHexString) doc.setLanguage(lang.decodeText())
  const preferences = doc.catalog.getOrCreateViewerPreferences()
  // Imposed sheets are laid out for the paper: a print dialog must not shrink them.
  preferences.setPrintScaling(PrintScaling.None)
  preferences.setDuplex(print.duplex === 'short-edge' ? Duplex.DuplexFlipShortEdge : Duplex.Simplex)
  return doc
}

/** Serialise an imposed PDF, always with the same options, so equal input gives equal bytes. */
export function saveImposedPdf(doc: PDFDocument): Promise<Uint8Array> {
  // pdf-lib seeds its resource-name generator with a constant and writes no /ID, so output is stable.
  return doc.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false })
}
