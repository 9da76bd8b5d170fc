import { readFileSync } from 'node:fs'
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { pageSizes } from './config/book-schema.ts'
import { BuildError } from './diagnostics/fail.ts'
import { reportFiles } from './diagnostics/report.ts'
import { createProgress } from './diagnostics/progress.ts'
import { type Format, formats, buildBook } from './pipeline.ts'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

/** Exit codes: 0 built, 1 the book has errors (or warnings under --strict), 2 the command line is wrong. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const

/** Run the `samizdat` command with its arguments; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('samizdat')
    .description('Build a printable book from a Markdown manuscript: print PDF, booklet, EPUB 3 and a web edition.')
    .version(version)
    .exitOverride()
    .showHelpAfterError('(run `samizdat --help` for the commands)')
  let code: number = exitCodes.ok
  program
    .command('build')
    .description('build the book in DIR (default: manuscript) into --out')
    .argument('[dir]', 'folder with book.yaml or Markdown chapters', 'manuscript')
    .option('-o, --out <dir>', 'output folder', 'dist')
    .option('-f, --format <list>', `outputs to build, comma-separated (${formats.join(',')})`, parseFormats, new Set(formats))
    .addOption(new Option('--page-size <size>', 'trim size (book.yaml: pageSize)').choices(pageSizes))
    .option('--csl <style>', 'citation style: a CSL name or file (book.yaml: csl)')
    .option('--strict', 'treat warnings as errors (book.yaml: strict)')
    .action(async (dir: string, flags: { out: string; format: Set<Format>; pageSize?: (typeof pageSizes)[number]; csl?: string; strict?: boolean }) => {
      code = await runBuild(dir, flags)
    })
  program
    .command('check')
    .description('check the book without rendering: configuration, citations, links')
    .argument('[dir]', 'folder with book.yaml or Markdown chapters', 'manuscript')
    .option('--strict', 'treat warnings as errors')
    .action(async (dir: string, flags: { strict?: boolean }) => {
      code = await runBuild(dir, { out: 'dist', format: new Set(), ...flags })
    })
  try {
    await program.parseAsync([...argv], { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage
    throw error
  }
  return code
}

async function runBuild(dir: string, flags: { out: string; format: Set<Format>; pageSize?: (typeof pageSizes)[number]; csl?: string; strict?: boolean }): Promise<number> {
  const progress = createProgress(process.stderr)
  const overrides = {
    ...(flags.pageSize ? { pageSize: flags.pageSize } : {}),
    ...(flags.csl ? { csl: flags.csl } : {}),
    ...(flags.strict ? { strict: true } : {}),
  }
  try {
    const result = await buildBook({ dir, out: flags.out, formats: flags.format, overrides, onEvent: progress.onEvent })
    const report = reportFiles(result.files, { strict: result.tree.book.strict, color: progress.color })
    if (report.text) process.stderr.write(`${report.text}\n`)
    progress.summary(result)
    return report.failed ? exitCodes.failed : exitCodes.ok
  } catch (error) {
    if (!(error instanceof BuildError)) throw error
    const report = reportFiles(error.files, { strict: true, color: progress.color })
    process.stderr.write(`${report.text}\n`)
    process.stderr.write('samizdat: nothing was written; the previous outputs are unchanged\n')
    return exitCodes.failed
  }
}

function parseFormats(value: string): Set<Format> {
  const wanted = value.split(',').map((part) => part.trim()).filter(Boolean)
  for (const format of wanted) {
    if (!(formats as readonly string[]).includes(format)) throw new InvalidArgumentError(`unknown format \`${format}\`; choose from ${formats.join(', ')}`)
  }
  return new Set(wanted as Format[])
}
