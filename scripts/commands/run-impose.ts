import { stat } from 'node:fs/promises'
import path from 'node:path'
import { InvalidArgumentError } from 'commander'
import { BuildError } from '../diagnostics/fail.ts'
import { formatBytes, formatMs } from '../diagnostics/progress.ts'
import { reportFiles } from '../diagnostics/report.ts'
import { type ImposeCommandOptions, imposeCommand, parseCreep, parseLayout, parseSheet, parseSignature } from './impose.ts'
import { exitCodes } from './exit-codes.ts'
import { reportCrash } from './report-crash.ts'

/**
 * `samizdat impose` on the terminal: impose, print the input's problems in
 * the shared format, then what was written and how to print and fold it.
 */
export async function runImpose(options: ImposeCommandOptions, stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr): Promise<number> {
  const start = performance.now()
  const color = stream.isTTY === true && !process.env['CI'] && process.env['NO_COLOR'] === undefined
  try {
    const result = await imposeCommand(options)
    const report = reportFiles([result.file], { strict: false, color })
    if (report.text) stream.write(`${report.text}\n`)
    const shown = path.relative(process.cwd(), result.output) || result.output
    const { size } = await stat(result.output)
    stream.write(`  ${shown}  ${formatBytes(size)}  ${result.sides} sides on ${result.sheets} sheet${result.sheets === 1 ? '' : 's'} of ${result.sheet.name}\n`)
    for (const instruction of result.instructions) stream.write(`  ${instruction}\n`)
    stream.write(`samizdat: imposed ${result.sourcePages} pages as a ${result.layout} in ${formatMs(performance.now() - start)}\n`)
    return exitCodes.ok
  } catch (error) {
    if (!(error instanceof BuildError)) {
      reportCrash(error, stream)
      return exitCodes.failed
    }
    const report = reportFiles(error.files, { strict: true, color })
    stream.write(`${report.text}\nsamizdat: nothing was written\n`)
    return exitCodes.failed
  }
}

/** `samizdat impose` flags as commander hands them over, before parsing. */
export interface RawImposeFlags {
  readonly layout?: string
  readonly sheet?: string
  readonly creep?: string
  readonly signature?: string
  readonly marks?: boolean
  readonly keepLastPage?: boolean
  readonly out?: string
}

/**
 * Parse the flags with the imposition's own parsers; a bad value throws
 * commander's `InvalidArgumentError` naming the flag. (Parsed here, not by
 * commander, so the imposition code loads only when `impose` runs.)
 */
export function parseImposeFlags(input: string, flags: RawImposeFlags, signal?: AbortSignal): ImposeCommandOptions {
  const parse = <T>(flag: string, value: string | undefined, parser: (value: string) => T): T | undefined => {
    if (value === undefined) return undefined
    try {
      return parser(value)
    } catch (error) {
      throw new InvalidArgumentError(`option '${flag}' argument '${value}' is invalid. ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  const sheet = parse('--sheet <paper>', flags.sheet, parseSheet)
  const creepMm = parse('--creep <mm>', flags.creep, parseCreep)
  const signatureSheets = parse('--signature <sheets>', flags.signature, parseSignature)
  return {
    input,
    layout: parse('--layout <layout>', flags.layout, parseLayout) ?? 'booklet',
    ...(sheet ? { sheet } : {}),
    ...(creepMm === undefined ? {} : { creepMm }),
    ...(signatureSheets === undefined ? {} : { signatureSheets }),
    ...(flags.marks ? { marks: true } : {}),
    ...(flags.keepLastPage ? { keepLastPage: true } : {}),
    ...(flags.out ? { out: flags.out } : {}),
    ...(signal ? { signal } : {}),
  }
}
