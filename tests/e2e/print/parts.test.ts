import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { runCli } from '../../helpers/build-cli.ts'
import { readPdf } from '../../helpers/read-pdf.ts'

// The parallel, cached layout (parts joined with pdf-lib) must give the pages
// the one-piece layout gives: same text on every page, same folios, same outline.
const book = path.join(import.meta.dirname, '..', '..', 'fixtures', 'print', 'book')

// partChars: text per part; 1 puts each chapter in a part of its own, 4000 two chapters in one of the parts.
async function build(parallel: '0' | '1', cache: string, partChars = '1'): Promise<string> {
  const out = mkdtempSync(path.join(tmpdir(), `samizdat-parallel-${parallel}-`))
  const env = { SAMIZDAT_PDF_PARALLEL: parallel, SAMIZDAT_PDF_PART_CHARS: partChars, SAMIZDAT_CACHE: cache }
  const run = await runCli(['build', book, '--out', out, '--format', 'pdf'], { env, timeoutMs: 180_000 })
  assert.equal(run.code, 0, run.stderr)
  return path.join(out, 'book.pdf')
}

const pageTexts = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f')

test('parts laid out in parallel and joined give the one-piece pages; a cached rebuild gives the same bytes', async () => {
  const cache = mkdtempSync(path.join(tmpdir(), 'samizdat-parallel-cache-'))
  const onePiece = await build('0', cache)
  const parts = await build('1', cache)
  assert.deepEqual(pageTexts(parts), pageTexts(onePiece))
  // Both layouts settle the soft hyphens: words whole, hyphens only where a line broke.
  for (const file of [onePiece, parts]) assert.doesNotMatch(pageTexts(file).join(''), /\u00AD/)
  assert.match(pageTexts(parts).join(''), /\p{Ll}-\n\s*\p{Ll}/u)
  const [a, b] = await Promise.all([readPdf(onePiece), readPdf(parts)])
  assert.deepEqual(b.labels, a.labels)
  assert.deepEqual(b.outline, a.outline)
  const again = await build('1', cache)
  assert.ok(readFileSync(again).equals(readFileSync(parts)), 'a build from the cache differs from the cold one')
  const grouped = await build('1', cache, '4000')
  assert.deepEqual(pageTexts(grouped), pageTexts(onePiece))
  assert.deepEqual((await readPdf(grouped)).outline, a.outline)
})
