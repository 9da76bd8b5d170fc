import type { VFile } from 'vfile'
import { BuildError } from '../diagnostics/fail.ts'
import { createProgress } from '../diagnostics/progress.ts'
import { reportFiles } from '../diagnostics/report.ts'
import { formatTimings } from '../diagnostics/timings.ts'
import type { Format } from '../config/formats.ts'
import { buildBook } from '../pipeline.ts'
import { formatTypesettingReport } from '../print/typesetting-report.ts'
import type { BookOverrides } from '../config/resolve-book.ts'
import { exitCodes } from './exit-codes.ts'
import { reportCrash } from './report-crash.ts'

/** Options for {@link buildCommand}, parsed from the command line. */
export interface BuildCommandOptions {
  readonly dir: string
  readonly out: string
  readonly formats: ReadonlySet<Format>
  readonly overrides: BookOverrides
  /** Print the typesetting report of the print edition (and write book.report.json). */
  readonly report?: boolean
  /** Print every warning (`--verbose`), not each rule's first few. */
  readonly verbose?: boolean
  readonly signal?: AbortSignal
  /** Where progress, problems and the summary go (stderr: stdout stays clean for pipes). */
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }
}

/**
 * `samizdat build`: run the pipeline with a progress display, print every
 * problem together, then the outputs and totals. Never removes or cleans
 * `--out`: the pipeline replaces each output atomically, so a failed build
 * leaves the previous outputs as they were.
 */
export async function buildCommand(options: BuildCommandOptions): Promise<number> {
  const stream = options.stream ?? process.stderr
  const start = performance.now()
  const progress = createProgress(stream)
  let files: readonly VFile[]
  let strict = options.overrides.strict === true
  let typesetting: Awaited<ReturnType<typeof buildBook>>['report']
  try {
    const result = await buildBook({
      dir: options.dir,
      out: options.out,
      formats: options.formats,
      overrides: options.overrides,
      onEvent: progress.onEvent,
      ...(options.report ? { report: true } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })
    files = result.files
    typesetting = result.report
    strict = result.tree.book.strict
  } catch (error) {
    progress.pause()
    if (!(error instanceof BuildError)) {
      reportCrash(error, stream)
      return exitCodes.failed
    }
    files = error.files
  }
  progress.pause()
  const report = reportFiles(files, { strict, color: progress.color, verbose: options.verbose === true })
  if (report.text) stream.write(`${report.text}\n`)
  if (typesetting) stream.write(`${formatTypesettingReport(typesetting)}\n`)
  const ok = report.errors === 0
  if (!ok) stream.write(`samizdat: fix the errors above and build again; outputs not rebuilt are left as they were in ${options.out}\n`)
  progress.summary({ ok, errors: report.errors, warnings: report.warnings, ms: performance.now() - start })
  stream.write(formatTimings())
  return report.failed ? exitCodes.failed : exitCodes.ok
}
