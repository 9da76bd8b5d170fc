import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { runCli } from '../../helpers/build-cli.ts'
import { type PdfLine, type ReadPdf, readPdf } from '../../helpers/read-pdf.ts'

// A small book of pandoc's constructs (tests/fixtures/read/pandoc-book), printed and read back.
const book = fileURLToPath(new URL('../../fixtures/read/pandoc-book/', import.meta.url))
const out = mkdtempSync(path.join(tmpdir(), 'samizdat-pandoc-'))
let pdf: ReadPdf

before(async () => {
  const run = await runCli(['build', book, '--out', out, '--format', 'pdf'], { timeoutMs: 300_000 })
  assert.equal(run.code, 0, run.stderr)
  pdf = await readPdf(path.join(out, 'book.pdf'))
})

/** The page (0-based) and line whose text matches. */
function find(pattern: RegExp): { page: number; line: PdfLine } {
  for (const [page, lines] of pdf.pages.entries()) {
    const line = lines.find((candidate) => pattern.test(candidate.text))
    if (line) return { page, line }
  }
  assert.fail(`no line matches ${pattern}`)
}

test('a figure caption and a table caption, numbered', () => {
  find(/^Figure 1: A gull over the harbour$/)
  find(/^Table 1: Members of the group\.$/)
})

test('a cross-reference says the figure and the page its caption is on', () => {
  const caption = find(/^Figure 1: A gull/)
  const folio = pdf.labels?.[caption.page] ?? String(caption.page + 1)
  const text = pdf.pages.map((lines) => lines.map((line) => line.text).join(' ')).join(' ')
  assert.match(text, new RegExp(`see Figure 1, p\\. ${folio}, and Table 1, p\\. ${folio} for who came`))
})

test('a verse line is set flush left, unjustified, with a turnover indent where it wraps', () => {
  const verse = find(/^The limerick packs laughs/)
  const turnover = pdf.pages[verse.page]![pdf.pages[verse.page]!.indexOf(verse.line) + 1]!
  assert.match(turnover.text, /^economical, and so this line runs on$/)
  assert.ok(turnover.items[0]!.x > verse.line.items[0]!.x + 5, 'the wrapped part is indented')
  // A justified line of the same page reaches the right margin; the verse line stops short of it.
  const justified = find(/^The reading group met on Tuesdays/).line
  const right = (line: PdfLine) => Math.max(...line.items.map((item) => item.x + item.width))
  assert.ok(right(verse.line) < right(justified) - 5, `verse line ends at ${right(verse.line)}, justified text at ${right(justified)}`)
})

test('math is typeset in the math face, not printed as TeX', () => {
  const text = pdf.pages.flat().map((line) => line.text).join('\n')
  assert.doesNotMatch(text, /\$|\\sum|mc\^2/)
  assert.match(find(/\(1\)$/).line.text, /𝑥|∑|0/)
  assert.match(execFileSync('pdffonts', [path.join(out, 'book.pdf')], { encoding: 'utf8' }), /STIXTwoMath/)
})

test('an inline note `^[…]` is printed at the foot of the page that calls it', () => {
  const call = find(/^The reading group met on Tuesdays\./)
  const note = find(/^1\.\s+Every other Tuesday, in fact, at the library\.$/)
  assert.equal(note.page, call.page)
  assert.ok(
    call.line.items.some((item) => item.str === '1' && item.size < call.line.size * 0.8),
    `no superscript call in “${call.line.text}”`,
  )
  // PDF coordinates run upwards: the note is below the text that calls it.
  assert.ok(note.line.y < call.line.y, `note at y=${note.line.y}, call at y=${call.line.y}`)
})
