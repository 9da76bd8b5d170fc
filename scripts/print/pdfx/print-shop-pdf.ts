import type { VFile } from 'vfile'
import { failFile } from '../../diagnostics/fail.ts'
import { checkPdfx } from './check-pdfx.ts'
import { GhostscriptMissingError, ghostscriptVersion, type PdfxStandard, pdfToPdfx, pdfxVersions } from './pdf-to-pdfx.ts'

/** Stop at once, before any layout, when PDF/X is asked for and Ghostscript is not installed. */
export async function requireGhostscript(file: VFile): Promise<void> {
  await ghostscriptVersion().catch((error: Error) => failFile(file, error.message, 'pdfx-no-ghostscript'))
}

/**
 * The print-shop copy of a finished PDF: converted to PDF/X by Ghostscript,
 * then checked (see checkPdfx); a missing Ghostscript or a failed check
 * stops the build with what to do, since a print shop would reject the file.
 */
export async function printShopPdf(pdf: Uint8Array, standard: PdfxStandard, name: string, title: string, file: VFile, signal?: AbortSignal): Promise<Uint8Array> {
  let converted: Uint8Array
  try {
    converted = await pdfToPdfx(pdf, { standard, title, ...(signal ? { signal } : {}) })
  } catch (error) {
    if (signal?.aborted) throw error
    const reason = error instanceof GhostscriptMissingError ? error.message : `${name}: ${(error as Error).message}`
    return failFile(file, reason, error instanceof GhostscriptMissingError ? 'pdfx-no-ghostscript' : 'pdfx-failed')
  }
  const problems = await checkPdfx(converted, standard)
  if (problems.length > 0) failFile(file, `${name} is not ${pdfxVersions[standard]} after Ghostscript's conversion: ${problems.join('; ')}`, 'pdfx-check')
  return converted
}
