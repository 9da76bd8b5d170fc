import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The PDF/X conformance levels samizdat makes (ISO 15930-1 and -3). */
export const pdfxStandards = ['x-1a', 'x-3'] as const
/** One of {@link pdfxStandards}. */
export type PdfxStandard = (typeof pdfxStandards)[number]

/** The version each level writes in the document information (ISO 15930: `GTS_PDFXVersion`). */
export const pdfxVersions: Readonly<Record<PdfxStandard, string>> = { 'x-1a': 'PDF/X-1a:2001', 'x-3': 'PDF/X-3:2002' }

/** Ghostscript's own CMYK output profile, installed with the `ghostscript` package on Debian. */
const cmykProfiles = ['/usr/share/color/icc/ghostscript/default_cmyk.icc', '/usr/share/ghostscript/iccprofiles/default_cmyk.icc']

/** Where samizdat looks for Ghostscript, and how to install it when it is not there. */
export class GhostscriptMissingError extends Error {
  constructor() {
    super('PDF/X needs Ghostscript, which is not installed: install the `ghostscript` package (Debian and Ubuntu: `sudo apt-get install ghostscript`; macOS: `brew install ghostscript`), or leave out --pdfx / `pdf:`')
  }
}

/** Ghostscript's version, or throw {@link GhostscriptMissingError}: asked before the layout, so a missing one fails fast. */
export async function ghostscriptVersion(): Promise<string> {
  try {
    const { stdout } = await run(ghostscript(), ['--version'])
    return stdout.trim()
  } catch {
    throw new GhostscriptMissingError()
  }
}

function ghostscript(): string {
  return process.env['SAMIZDAT_GHOSTSCRIPT'] ?? 'gs'
}

/**
 * Convert a finished print PDF to PDF/X with Ghostscript's pdfwrite (`gs`,
 * started here and given only the two files): colours converted to CMYK,
 * fonts embedded, an output intent with Ghostscript's CMYK profile, the
 * version key of the level asked for, PDF 1.3 for X-1a (no transparency,
 * as ISO 15930-1 requires). Every page must already have a TrimBox (see
 * addPrintBoxes).
 */
export async function pdfToPdfx(input: Uint8Array, options: { readonly standard: PdfxStandard; readonly title: string; readonly signal?: AbortSignal }): Promise<Uint8Array> {
  const gs = ghostscript()
  const profile = cmykProfiles.find((file) => existsSync(file))
  const dir = await mkdtemp(path.join(tmpdir(), 'samizdat-pdfx-'))
  try {
    const [source, target, definitions] = ['in.pdf', 'out.pdf', 'pdfx-def.ps'].map((name) => path.join(dir, name)) as [string, string, string]
    await writeFile(source, input)
    await writeFile(definitions, pdfxDefinitions(options.standard, options.title, profile))
    const args = [
      '-q',
      '-dBATCH',
      '-dNOPAUSE',
      '-dSAFER',
      ...(profile ? [`--permit-file-read=${profile}`] : []),
      '-sDEVICE=pdfwrite',
      '-dPDFX',
      `-dCompatibilityLevel=${options.standard === 'x-1a' ? '1.3' : '1.4'}`,
      '-sColorConversionStrategy=CMYK',
      '-dProcessColorModel=/DeviceCMYK',
      '-dEmbedAllFonts=true',
      '-dSubsetFonts=true',
      '-dAutoRotatePages=/None',
      `-sOutputFile=${target}`,
      definitions,
      source,
    ]
    try {
      await run(gs, args, { maxBuffer: 16 * 1024 * 1024, ...(options.signal ? { signal: options.signal } : {}) })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new GhostscriptMissingError()
      const stderr = (error as { stderr?: string }).stderr?.trim()
      throw new Error(`Ghostscript could not make the PDF/X: ${stderr || (error as Error).message}`)
    }
    return new Uint8Array(await readFile(target))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Ghostscript's PDFX_def.ps, written for this book: version, title, and the output intent with its profile. */
function pdfxDefinitions(standard: PdfxStandard, title: string, profile: string | undefined): string {
  const ps = (text: string) => `(${text.replace(/[\\()]/g, (character) => `\\${character}`).replace(/[^\x20-\x7e]/g, '?')})`
  return `%!
% PDF/X definitions for Ghostscript's pdfwrite (after Ghostscript's lib/PDFX_def.ps), written by samizdat.
[ /GTS_PDFXVersion ${ps(pdfxVersions[standard])} /Title ${ps(title)} /Trapped /False /DOCINFO pdfmark
${
  profile
    ? `/ICCProfile ${ps(profile)} def
[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[{icc_PDFX} << /N 4 >> /PUT pdfmark
[{icc_PDFX} ICCProfile (r) file /PUT pdfmark
`
    : ''
}[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[{OutputIntent_PDFX} <<
  /Type /OutputIntent /S /GTS_PDFX
  /OutputCondition (Commercial and specialty printing, CMYK)
  /OutputConditionIdentifier (CGATS TR 001)
  /Info (Ghostscript default CMYK)
  /RegistryName (http://www.color.org)
  ${profile ? '/DestOutputProfile {icc_PDFX}' : ''}
>> /PUT pdfmark
[{Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark
`
}
