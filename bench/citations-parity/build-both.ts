import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..', '..')

/** Build the book's web edition with samizdat in one style; its HTML. */
export function buildSamizdat(dir: string, csl: string, out: string): string {
  const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'bin.js'), 'build', dir, '--out', out, '--format', 'html', '--csl', csl], {
    encoding: 'utf8',
    env: { ...process.env, SAMIZDAT_BUNDLE: process.env['SAMIZDAT_BUNDLE'] ?? 'off' },
    timeout: 300_000,
  })
  if (run.status !== 0) throw new Error(`samizdat build failed (${csl}):\n${run.stderr}${run.stdout}`)
  return readFileSync(path.join(out, 'book.html'), 'utf8')
}

/** The same chapters through `pandoc --citeproc` (every entry cited, as `nocite: '*'`); its HTML. */
export function buildPandoc(dir: string, chapters: readonly string[], csl: string): string {
  const metadata = path.join(dir, 'pandoc-metadata.yaml')
  writeFileSync(metadata, 'lang: en-US\nnocite: |\n  @*\n')
  const run = spawnSync(
    'pandoc',
    ['--citeproc', '-f', 'markdown', '-t', 'html5', '--bibliography', path.join(dir, 'refs.bib'), '--csl', csl, '--metadata-file', metadata, ...chapters],
    { encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 },
  )
  if (run.status !== 0) throw new Error(`pandoc failed (${csl}):\n${run.stderr}`)
  return run.stdout
}
