// `npm run corpus`: build every manuscript of ../shared/corpus (a temporary
// copy, with samizdat's book.yaml from tests/fixtures/corpus/ where it needs
// one) in all four formats, one at a time, and print what happened: exit code,
// errors, warnings by rule, EPUBCheck's errors and warnings, PDF pages, time.
// A report like the benchmark's, not a timed test.
//
//   npm run corpus [-- --only rust-book] [-- --format html,epub] [-- --keep DIR]
//
// --keep DIR leaves each manuscript's outputs in DIR/<name>, to look at its pages.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { corpusBook, hasCorpus } from '../tests/helpers/corpus-book.ts'

/** The corpus folders that are books (biblatex and csl-test-suite are test data for citations). */
const manuscripts = ['pandoc-book-template', 'phd-thesis', 'pandoc-manual', 'rust-book'] as const

interface Row {
  readonly name: string
  readonly code: number | null
  readonly errors: number
  readonly warnings: number
  readonly rules: ReadonlyMap<string, number>
  readonly epubcheck: string
  readonly pages: string
  readonly seconds: number
}

const repo = path.resolve(import.meta.dirname, '..')
const { values } = parseArgs({ options: { only: { type: 'string', multiple: true }, format: { type: 'string', default: 'html,pdf,epub,booklet' }, keep: { type: 'string' } } })

function build(name: string): Row {
  const dir = corpusBook(name)
  const out = mkdtempSync(path.join(tmpdir(), `samizdat-corpus-${name}-out-`))
  const started = performance.now()
  const run = spawnSync(process.execPath, [path.join(repo, 'scripts', 'bin.js'), 'build', dir, '--out', out, '--format', values.format, '--verbose'], {
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
    maxBuffer: 256 * 1024 * 1024,
  })
  const seconds = (performance.now() - started) / 1000
  const rules = new Map<string, number>()
  let errors = 0
  let warnings = 0
  for (const line of run.stderr.split('\n')) {
    const match = /\s(error|warning)\s{2}.+\s{2}([a-z][a-z0-9-]*)$/.exec(line)
    if (!match) continue
    if (match[1] === 'error') errors++
    else warnings++
    rules.set(match[2]!, (rules.get(match[2]!) ?? 0) + 1)
  }
  // An error is worth reading in full: the table only counts it.
  for (const line of run.stderr.split('\n')) if (/\serror\s{2}/.test(line)) process.stderr.write(`corpus: ${name}: ${line}\n`)
  const row = { name, code: run.status, errors, warnings, rules, epubcheck: epubcheck(path.join(out, 'book.epub')), pages: pdfPages(path.join(out, 'book.pdf')), seconds }
  rmSync(dir, { recursive: true, force: true })
  if (values.keep) {
    const kept = path.resolve(values.keep, name)
    rmSync(kept, { recursive: true, force: true })
    mkdirSync(path.dirname(kept), { recursive: true })
    cpSync(out, kept, { recursive: true })
    rmSync(out, { recursive: true, force: true })
    process.stderr.write(`corpus: ${name}: outputs kept in ${kept}\n`)
  } else rmSync(out, { recursive: true, force: true })
  return row
}

/** `errors / warnings` from EPUBCheck, or `–` when there is no EPUB. */
function epubcheck(epub: string): string {
  if (!existsSync(epub)) return '–'
  const run = spawnSync('java', ['-jar', '/usr/share/java/epubcheck.jar', epub], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const match = /Messages: (\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(`${run.stdout}${run.stderr}`)
  return match ? `${Number(match[1]) + Number(match[2])} / ${match[3]}` : 'did not run'
}

function pdfPages(pdf: string): string {
  if (!existsSync(pdf)) return '–'
  return /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? '?'
}

const wanted = manuscripts.filter((name) => !values.only || values.only.includes(name))
const rows: Row[] = []
for (const name of wanted) {
  if (!hasCorpus(name)) {
    process.stderr.write(`corpus: no ${name} in the shared corpus here; skipped\n`)
    continue
  }
  process.stderr.write(`corpus: building ${name} (${values.format}) …\n`)
  const row = build(name)
  process.stderr.write(`corpus: ${name}: exit ${row.code}, ${row.seconds.toFixed(0)} s\n`)
  rows.push(row)
}

const table = [
  `| manuscript | exit | errors | warnings | warnings by rule | EPUBCheck errors / warnings | PDF pages | time |`,
  '| --- | --: | --: | --: | --- | --: | --: | --: |',
  ...rows.map((row) => {
    const rules = [...row.rules].sort((a, b) => b[1] - a[1]).map(([rule, count]) => `${count} ${rule}`).join(', ') || '–'
    return `| ${row.name} | ${row.code} | ${row.errors} | ${row.warnings} | ${rules} | ${row.epubcheck} | ${row.pages} | ${row.seconds.toFixed(0)} s |`
  }),
]
process.stdout.write(`${table.join('\n')}\n`)
process.exitCode = rows.every((row) => row.code === 0 && row.errors === 0 && /^0 \/ 0$|^–$/.test(row.epubcheck)) ? 0 : 1
