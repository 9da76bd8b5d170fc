import { PDFDocument } from 'pdf-lib'
import type { VFile } from 'vfile'
import { failFile } from '../diagnostics/fail.ts'

/**
 * Parse the PDF to impose, or stop with a message a non-programmer can act
 * on: not a PDF, password-protected, damaged, or without pages.
 */
export async function readSourcePdf(input: Uint8Array, file: VFile): Promise<PDFDocument> {
  const name = file.path || 'the input'
  // The header may follow a little junk (ISO 32000-1 §7.5.2 allows readers to look ahead).
  const head = new TextDecoder('latin1').decode(input.subarray(0, 1024))
  if (!head.includes('%PDF-')) {
    failFile(
      file,
      `${name} is not a PDF (it does not start with \`%PDF-\`). Give samizdat a PDF file, such as dist/book.pdf, or export your document as PDF first`,
      'impose-not-pdf',
    )
  }
  let doc: PDFDocument
  try {
    // Loaded despite encryption only to ask `isEncrypted`: pdf-lib's own
    // EncryptedPDFError is not an `instanceof`-able class in its ES5 build.
    doc = await PDFDocument.load(input, { updateMetadata: false, ignoreEncryption: true })
  } catch (error) {
    damaged(file, name, error)
  }
  if (doc.isEncrypted) {
    failFile(
      file,
      `${name} is encrypted or password-protected, so its pages cannot be copied. Open it in a PDF reader, save or print an unprotected copy ("Print to PDF"), and impose that copy`,
      'impose-encrypted',
    )
  }
  let pageCount = 0
  try {
    // pdf-lib parses leniently: a broken page tree only shows when the pages are walked.
    pageCount = doc.getPages().length
  } catch (error) {
    damaged(file, name, error)
  }
  if (pageCount === 0) {
    failFile(file, `${name} has no pages, so there is nothing to impose. Check that it is the right file`, 'impose-empty')
  }
  return doc
}

function damaged(file: VFile, name: string, error: unknown): never {
  const reason = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 160) : String(error)
  failFile(
    file,
    `${name} could not be read as a PDF (${reason}). It may be damaged or cut short: export it again, or repair it with \`mutool clean ${name} repaired.pdf\``,
    'impose-unreadable',
  )
}
