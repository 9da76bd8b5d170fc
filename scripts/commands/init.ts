import path from 'node:path'
import { BuildError } from '../diagnostics/fail.ts'
import { reportFiles } from '../diagnostics/report.ts'
import { type InitOptions, initBook } from './init/init-book.ts'
import { exitCodes } from './exit-codes.ts'
import { reportCrash } from './report-crash.ts'

/** Options for {@link initCommand}. */
export interface InitCommandOptions extends InitOptions {
  readonly dir: string
  readonly stream?: NodeJS.WritableStream
}

/** `samizdat init`: write a new book that builds, then say what to edit and what to run. */
export async function initCommand(options: InitCommandOptions): Promise<number> {
  const stream = options.stream ?? process.stderr
  try {
    const written = await initBook(options.dir, options)
    const shown = path.relative(process.cwd(), path.resolve(options.dir)) || '.'
    stream.write(`samizdat: a new book in ${shown}/\n`)
    for (const file of written) stream.write(`  ${path.relative(process.cwd(), file)}\n`)
    const quoted = /^[\w./-]+$/.test(shown) ? shown : JSON.stringify(shown)
    stream.write(`Edit book.yaml and the chapters, then:\n  samizdat preview ${quoted}\n  samizdat build ${quoted} --out ${quoted}/dist\n`)
    return exitCodes.ok
  } catch (error) {
    if (!(error instanceof BuildError)) {
      reportCrash(error, stream)
      return exitCodes.failed
    }
    stream.write(`${reportFiles(error.files, { strict: true }).text}\n`)
    return exitCodes.failed
  }
}
