import path from 'node:path'
import { BuildError } from '../diagnostics/fail.ts'
import { reportFiles } from '../diagnostics/report.ts'
import { type InitOptions, initBook } from './init/init-book.ts'
import { checkoutDir, commandOnPath } from './command-on-path.ts'
import { exitCodes } from './exit-codes.ts'
import { reportCrash } from './report-crash.ts'
import { shellWord } from './shell-word.ts'

/** Options for {@link initCommand}. */
export interface InitCommandOptions extends InitOptions {
  readonly dir: string
  readonly stream?: NodeJS.WritableStream
  /** The environment whose PATH is searched for `samizdat` (tests pass their own). */
  readonly env?: NodeJS.ProcessEnv
}

/**
 * `samizdat init`: write a new book that builds, then say what to edit and
 * what to run, as commands that work from where the user stands (and how to
 * put `samizdat` on the PATH when it is not there yet).
 */
export async function initCommand(options: InitCommandOptions): Promise<number> {
  const stream = options.stream ?? process.stderr
  try {
    const written = await initBook(options.dir, options)
    const shown = path.relative(process.cwd(), path.resolve(options.dir)) || '.'
    stream.write(`samizdat: a new book in ${shown}/\n`)
    for (const file of written) stream.write(`  ${path.relative(process.cwd(), file)}\n`)
    stream.write(`Edit book.yaml and the chapters, then:\n${nextSteps(shown).join('\n')}\n`)
    if (!commandOnPath('samizdat', options.env)) stream.write(notOnPath())
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

/** `cd` into the book (unless already there), then the commands that need no folder named. */
function nextSteps(shown: string): string[] {
  const quoted = shellWord(shown)
  const out = shown === '.' ? 'dist' : `${shown}/dist`
  return [
    ...(shown === '.' ? [] : [`  cd ${quoted}`]),
    '  samizdat check      # every problem, with file:line:column',
    '  samizdat preview    # the pages in your browser, refreshed as you write',
    `  samizdat build      # the PDF, booklet, EPUB and web page, into ${out}/`,
  ]
}

function notOnPath(): string {
  const bin = shellWord(path.join(checkoutDir, 'scripts', 'bin.js'))
  return (
    `samizdat is not on your PATH yet: run \`npm link\` once in ${shellWord(checkoutDir)} (samizdat's README, "Putting samizdat on your PATH"),\n` +
    `or write \`node ${bin}\` where these say \`samizdat\`.\n`
  )
}
