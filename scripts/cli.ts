import { readFileSync } from 'node:fs'
import { Command, CommanderError, InvalidArgumentError } from 'commander'
import { addBookFlags, type BookFlags, bookOverrides } from './commands/book-flags.ts'
import { exitCodes } from './commands/exit-codes.ts'
import { defaultBookDir, defaultOutDir } from './commands/book-dir.ts'
import { parseLang } from './commands/init-flags.ts'
import { defaultPort, parseHost, parsePort } from './commands/preview-flags.ts'

export { exitCodes } from './commands/exit-codes.ts'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

const exitCodeHelp = `
Exit codes:
  0  done (warnings are printed, and do not stop the outputs)
  1  the book has errors (or warnings, with --strict); the previous outputs are left as they were
  2  the command line is wrong`

const bookDirHelp = 'folder with book.yaml or Markdown chapters (default: this folder if it has a book.yaml, else manuscript/)'

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}\n${exitCodeHelp}`

/**
 * Run the `samizdat` command with its arguments; resolves to the exit code.
 * Each command's code is imported when it runs, so `check` does not pay for
 * Chromium's driver and `--help` answers at once.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = exitCodes.ok
  const program = new Command('samizdat')
    .description('Build a printable book from a Markdown manuscript: print PDF, booklet, EPUB 3 and a web edition.')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help (also: samizdat help COMMAND)')
    .exitOverride()
    .showSuggestionAfterError()
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', examples('samizdat init my-book', 'cd my-book', 'samizdat check', 'samizdat preview', 'samizdat build              # writes my-book/dist/'))

  addBookFlags(
    program
      .command('build')
      .description('build the book in DIR into --out: print PDF, booklet, EPUB and web edition')
      .argument('[dir]', bookDirHelp)
      .option('-o, --out <dir>', 'output folder (default: dist inside the book folder; never cleaned: each output is replaced whole)')
      .option('-f, --format <list>', 'outputs to build, comma-separated: html,pdf,epub,booklet,cover (default: all)')
      .option('--report', 'measure the print pages: widows, orphans, hyphens, loose lines, underfull pages… (also --out/book.report.json)')
      .option('--verbose', 'print every warning (by default: the first few of each kind, then a count)'),
  )
    .addHelpText(
      'after',
      examples(
        'samizdat build                        # the book in this folder, into ./dist',
        'samizdat build my-book --format pdf,epub   # into my-book/dist',
        'samizdat build my-book --page-size 6x9 --bleed 3mm --marks crop',
        'samizdat build my-book --strict        # fail on warnings too (CI)',
        'samizdat build my-book --format pdf --report   # the typesetting report',
      ),
    )
    .action(async (named: string | undefined, flags: BookFlags & { out?: string; format?: string; report?: boolean; verbose?: boolean }, command: Command) => {
      const { buildCommand } = await import('./commands/build.ts')
      const { formats } = await import('./config/formats.ts')
      const wanted = usage(command, () => parseFormats(flags.format, formats))
      const dir = named ?? defaultBookDir()
      code = await buildCommand({
        dir,
        out: flags.out ?? defaultOutDir(dir),
        formats: wanted,
        overrides: bookOverrides(flags),
        ...(flags.report ? { report: true } : {}),
        verbose: flags.verbose === true,
        signal: interruptSignal(),
      })
    })

  addBookFlags(
    program
      .command('check')
      .description('check the book without rendering it: book.yaml, chapters, citations, links, images; writes nothing')
      .argument('[dir]', bookDirHelp)
      .option('--verbose', 'print every warning (by default: the first few of each kind, then a count)'),
  )
    .addHelpText('after', examples('samizdat check', 'samizdat check my-book --strict'))
    .action(async (dir: string | undefined, flags: BookFlags & { verbose?: boolean }) => {
      const { checkCommand } = await import('./commands/check.ts')
      code = await checkCommand({ dir: dir ?? defaultBookDir(), overrides: bookOverrides(flags), verbose: flags.verbose === true })
    })

  addBookFlags(
    program
      .command('preview')
      .description('serve the paginated book on this machine and refresh it as you edit')
      .argument('[dir]', bookDirHelp)
      .option('-p, --port <number>', 'port to listen on (0: any free port)', parsePort, defaultPort)
      .option('--host <address>', 'address to listen on; the default lets only this machine in', parseHost, '127.0.0.1'),
  )
    .addHelpText(
      'after',
      `\nPages:\n  /       the print edition, paginated in the browser\n  /epub   the EPUB's reflowable view\n  /web    the web edition\n${examples('samizdat preview', 'samizdat preview my-book --port 8080')}`,
    )
    .action(async (dir: string | undefined, flags: BookFlags & { port: number; host: string }) => {
      const { previewCommand } = await import('./commands/preview.ts')
      code = await previewCommand({ dir: dir ?? defaultBookDir(), host: flags.host, port: flags.port, overrides: bookOverrides(flags) })
    })

  program
    .command('impose')
    .description('impose a PDF (any PDF) for home printing: a folded booklet, or an 8-page zine on one sheet')
    .argument('<pdf>', 'the PDF to impose, e.g. dist/book.pdf')
    .option('-l, --layout <layout>', 'booklet or zine8 (default: booklet)')
    .option('--sheet <paper>', 'paper size: A5, A4, A3, letter, tabloid (default: Letter for a US or Canadian book, A4 otherwise)')
    .option('--creep <mm>', 'creep compensation in mm per sheet (booklet), e.g. 0.1')
    .option('--signature <sheets>', 'sheets per signature, for a sewn book (booklet)')
    .option('--marks', 'print trim and fold marks')
    .option('--keep-last-page', 'keep the last page last, as a back cover')
    .option('-o, --out <file>', 'output PDF (default: next to the input, NAME-booklet.pdf or NAME-zine.pdf)')
    .addHelpText(
      'after',
      examples(
        'samizdat impose dist/book.pdf',
        'samizdat impose dist/book.pdf --sheet A4 --creep 0.1 --marks',
        'samizdat impose dist/book.pdf --signature 4 --out dist/sewn.pdf',
        'samizdat impose zine.pdf --layout zine8 --sheet letter',
      ),
    )
    .action(async (input: string, flags: Record<string, string | boolean | undefined>, command: Command) => {
      const { parseImposeFlags, runImpose } = await import('./commands/run-impose.ts')
      const options = usage(command, () => parseImposeFlags(input, flags, interruptSignal()))
      code = await runImpose(options)
    })

  program
    .command('init')
    .description('start a new book in DIR: book.yaml, two chapters, a bibliography, a README; never overwrites')
    .argument('[dir]', 'folder for the new book (made if missing)', '.')
    .option('--title <title>', "the book's title (default: from the folder name)")
    .option('--author <name>', 'the author')
    .option('--lang <tag>', 'language of the text, e.g. en, en-GB, de', parseLang)
    .addHelpText('after', examples('samizdat init my-book', 'samizdat init zine --title "Mutual Aid" --author "Reading Group" --lang en-GB'))
    .action(async (dir: string, flags: { title?: string; author?: string; lang?: string }) => {
      const { initCommand } = await import('./commands/init.ts')
      code = await initCommand({ dir, ...definedOnly(flags) })
    })

  try {
    await program.parseAsync([...argv], { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage
    throw error
  }
  return code
}

/** Run a parser the way commander runs its own: a bad value is a usage error (exit 2) naming the flag. */
function usage<T>(command: Command, parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error
    return command.error(`error: ${error.message}`, { exitCode: exitCodes.usage, code: 'commander.invalidArgument' })
  }
}

/** Aborted on Ctrl-C, so a build stops its browser and leaves the outputs as they were; a second Ctrl-C kills. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController()
  // The first Ctrl-C stops the build cleanly (browser closed, temp files removed, outputs untouched);
  // a second one ends the process at once. The handler stays, so the browser's own does not re-raise the signal first.
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130)
    controller.abort(new Error('Interrupted (Ctrl-C): the outputs not yet written are left as they were'))
  })
  return controller.signal
}

function parseFormats<F extends string>(value: string | undefined, formats: readonly F[]): Set<F> {
  if (value === undefined) return new Set(formats)
  const wanted = value
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)
  if (wanted.length === 0) throw new InvalidArgumentError(`option '--format <list>' needs one or more of ${formats.join(', ')}, separated by commas`)
  for (const format of wanted) {
    if (!(formats as readonly string[]).includes(format)) throw new InvalidArgumentError(`option '--format <list>': unknown format \`${format}\`; choose from ${formats.join(', ')}`)
  }
  return new Set(wanted as F[])
}

function definedOnly<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> }
}
