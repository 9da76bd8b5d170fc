import type { VFile } from 'vfile'
import type { BookTree } from '../lib/book-model.ts'
import { BuildError } from '../diagnostics/fail.ts'
import { formatMs } from '../diagnostics/progress.ts'
import { reportFiles } from '../diagnostics/report.ts'
import { manuscriptToBookTree } from '../read/manuscript-to-book-tree.ts'
import type { BookOverrides } from '../config/resolve-book.ts'
import { exitCodes } from './exit-codes.ts'
import { reportCrash } from './report-crash.ts'

/** Options for {@link checkCommand}. */
export interface CheckCommandOptions {
  readonly dir: string
  readonly overrides: BookOverrides
  /** Print every warning (`--verbose`), not each rule's first few. */
  readonly verbose?: boolean
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean }
}

/**
 * `samizdat check`: everything a build checks except rendering (book.yaml,
 * chapters, citations, links, images), with nothing written anywhere, so a
 * writer gets every problem in about a second.
 */
export async function checkCommand(options: CheckCommandOptions): Promise<number> {
  const stream = options.stream ?? process.stderr
  const start = performance.now()
  let files: readonly VFile[]
  let tree: BookTree | undefined
  try {
    const loaded = await manuscriptToBookTree(options.dir, options.overrides)
    files = loaded.files
    tree = loaded.tree
  } catch (error) {
    if (!(error instanceof BuildError)) {
      reportCrash(error, stream)
      return exitCodes.failed
    }
    files = error.files
  }
  const color = stream.isTTY === true && !process.env['CI'] && process.env['NO_COLOR'] === undefined
  const report = reportFiles(files, { strict: tree?.book.strict ?? options.overrides.strict === true, color, verbose: options.verbose === true })
  if (report.text) stream.write(`${report.text}\n`)
  const what = tree ? `${tree.chapters.length} chapter${tree.chapters.length === 1 ? '' : 's'}` : 'the book'
  const verdict = report.failed ? 'has problems to fix' : report.warnings > 0 ? 'builds, with warnings' : 'is ready to build'
  stream.write(`samizdat: checked ${what} in ${formatMs(performance.now() - start)}: ${verdict}\n`)
  return report.failed ? exitCodes.failed : exitCodes.ok
}
