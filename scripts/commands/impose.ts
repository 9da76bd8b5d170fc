import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { InvalidArgumentError } from 'commander'
import { VFile } from 'vfile'
import { failFile, warn } from '../diagnostics/fail.ts'
import type { ImposeReport } from '../impose/impose-report.ts'
import { type SheetName, sheetNames } from '../config/sheet-names.ts'
import { parseSheetName } from '../impose/sheet-sizes.ts'
import { pdfToBooklet } from '../impose/pdf-to-booklet.ts'
import { pdfToZine } from '../impose/pdf-to-zine.ts'
import { writeFileAtomic } from '../lib/write-file-atomic.ts'

/** The layouts `samizdat impose --layout` knows. */
export const layouts = ['booklet', 'zine8'] as const
export type Layout = (typeof layouts)[number]

/** Options for {@link imposeCommand}, already parsed (see the `parse…` helpers for commander). */
export interface ImposeCommandOptions {
  /** The PDF to impose: any PDF, not only samizdat's. */
  readonly input: string
  readonly layout: Layout
  readonly sheet?: SheetName
  readonly creepMm?: number
  readonly signatureSheets?: number
  readonly marks?: boolean
  readonly keepLastPage?: boolean
  /** Where to write; by default next to the input, `NAME-booklet.pdf` or `NAME-zine.pdf`. */
  readonly out?: string
  readonly signal?: AbortSignal
}

/** What `samizdat impose` made: the report, the file written, and the input's messages. */
export interface ImposeCommandReport extends ImposeReport {
  readonly output: string
  /** The input PDF as a VFile, carrying the warnings to print. */
  readonly file: VFile
}

/**
 * `samizdat impose IN.pdf`: read a PDF, impose it as a booklet or a one-sheet
 * zine, and write the result atomically. Problems the user can fix end as a
 * `BuildError` whose file names the input.
 */
export async function imposeCommand(options: ImposeCommandOptions): Promise<ImposeCommandReport> {
  const file = new VFile({ path: options.input })
  const output = options.out ?? defaultOutput(options.input, options.layout)
  if (path.resolve(output) === path.resolve(options.input)) {
    failFile(file, `The output would replace the input ${options.input}. Choose another --out`, 'impose-overwrite-input')
  }
  const input = await readInput(file)
  if (options.layout === 'zine8' && (options.creepMm !== undefined || options.signatureSheets !== undefined)) {
    warn(file, 'A one-sheet zine has no creep or signatures: --creep and --signature were ignored', 'impose-option-ignored')
  }
  const common = {
    file,
    ...(options.sheet ? { sheet: options.sheet } : {}),
    ...(options.marks ? { marks: true } : {}),
    ...(options.keepLastPage ? { keepLastPage: true } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  }
  const { pdf, report } =
    options.layout === 'zine8'
      ? await pdfToZine(input, common)
      : await pdfToBooklet(input, {
          ...common,
          ...(options.creepMm === undefined ? {} : { creepMm: options.creepMm }),
          ...(options.signatureSheets === undefined ? {} : { signatureSheets: options.signatureSheets }),
        })
  await writeOutput(file, output, pdf)
  return { ...report, output, file }
}

/** `dist/book.pdf` → `dist/book-booklet.pdf` (or `-zine.pdf`), next to the input. */
export function defaultOutput(input: string, layout: Layout): string {
  const { dir, name } = path.parse(input)
  return path.join(dir, `${name}-${layout === 'zine8' ? 'zine' : 'booklet'}.pdf`)
}

async function readInput(file: VFile): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file.path))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') {
      failFile(file, `Cannot find ${file.path}. Check the name and the folder (paths are relative to where you run samizdat)`, 'impose-missing-input')
    }
    if (code === 'EISDIR') failFile(file, `${file.path} is a folder; give the PDF file inside it`, 'impose-missing-input')
    failFile(file, `Cannot read ${file.path} (${code ?? String(error)}). Check that you may read it`, 'impose-unreadable')
  }
}

async function writeOutput(file: VFile, output: string, pdf: Uint8Array): Promise<void> {
  try {
    await mkdir(path.dirname(output), { recursive: true })
    await writeFileAtomic(output, pdf)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error)
    failFile(file, `Cannot write ${output} (${code}). Choose another --out, or check the folder is writable`, 'impose-write-failed')
  }
}

/** Commander parser for `--layout`. */
export function parseLayout(value: string): Layout {
  const layout = layouts.find((name) => name === value.trim().toLowerCase())
  if (!layout) throw new InvalidArgumentError(`unknown layout \`${value}\`; choose ${layouts.join(' or ')}`)
  return layout
}

/** Commander parser for `--sheet`. */
export function parseSheet(value: string): SheetName {
  const sheet = parseSheetName(value)
  if (!sheet) throw new InvalidArgumentError(`unknown sheet \`${value}\`; choose one of ${sheetNames.join(', ')}`)
  return sheet
}

/** Commander parser for `--creep` (millimetres per sheet, 0 to 2). */
export function parseCreep(value: string): number {
  const mm = Number(value)
  if (value.trim() === '' || !Number.isFinite(mm) || mm < 0 || mm > 2) {
    throw new InvalidArgumentError(`\`${value}\` is not a creep in mm per sheet; give a number from 0 to 2, such as 0.1 for 80 gsm paper`)
  }
  return mm
}

/** Commander parser for `--signature` (sheets per signature, a whole number from 1). */
export function parseSignature(value: string): number {
  const sheets = Number(value)
  if (!/^\s*\d+\s*$/.test(value) || sheets < 1) {
    throw new InvalidArgumentError(`\`${value}\` is not a number of sheets; give a whole number such as 4 or 8 (16 to 32 pages per signature)`)
  }
  return sheets
}
