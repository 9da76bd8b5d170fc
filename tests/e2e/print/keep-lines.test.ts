// Paged.js breaks paragraphs over pages as a typographer would (keep-lines-hook.ts): no widow,
// no orphan, no hyphen at a recto's end. Read back from the PDF, page by page.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { htmlToPdf, type RenderPdfResult } from '../../../scripts/print/layout/html-to-pdf.ts'
import { printLayoutScript } from '../../../scripts/print/print-layout-hooks.ts'

const fixture = new URL('../../fixtures/print/typesetting/keep-lines.html', import.meta.url)
let work: string
let result: RenderPdfResult
let pages: string[]

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'samizdat-keep-lines-'))
  await copyFile(fixture, join(work, 'book.html'))
  await writeFile(join(work, 'print-layout.js'), printLayoutScript())
  result = await htmlToPdf({
    htmlFile: join(work, 'book.html'),
    allowedRoot: work,
    toc: [],
    metadata: { title: 'Keeping lines', authors: [], keywords: [], lang: 'en' },
    tempDir: work,
    measure: true,
  })
  await writeFile(join(work, 'book.pdf'), result.pdf)
  pages = Array.from({ length: result.pageCount }, (_, index) =>
    execFileSync('pdftotext', ['-layout', '-f', String(index + 1), '-l', String(index + 1), join(work, 'book.pdf'), '-'], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join(' | '),
  )
})

after(async () => {
  await rm(work, { recursive: true, force: true })
})

test('a widow pulls a line over with it: two lines stay, two go', () => {
  assert.equal(pages[0], 'Widow one | widow two')
  assert.equal(pages[1], 'widow three | widow four')
})

test('an orphan goes over with its paragraph', () => {
  assert.equal(pages[2], '')
  assert.equal(pages[3], 'Orphan one | orphan two | orphan three')
})

test('a word broken at a recto’s foot goes over whole, with its line', () => {
  assert.equal(pages[4], 'Recto one | recto two')
  assert.equal(pages[5], 'recto hyph- | enated four | recto five')
  assert.equal(pages[6], 'Left alone.')
  assert.equal(result.pageCount, 13)
})

test('no more than two hyphenated lines in a row, where every line could end at a soft hyphen', () => {
  const lines = (pages[7] ?? '').split(' | ')
  assert.equal(lines[0], 'abcdefg abc-')
  let run = 0
  for (const line of lines) {
    run = line.endsWith('-') ? run + 1 : 0
    assert.ok(run <= 2, pages[7])
  }
  assert.ok(lines.filter((line) => line.endsWith('-')).length >= 2, pages[7])
})

test('a table of 12 rows split over two pages repeats its header on the second', () => {
  assert.match(pages[8] ?? '', /^Header \| row 1 \| .* \| row \d+$/)
  const continued = Number(/row (\d+)$/.exec(pages[8] ?? '')?.[1]) + 1
  assert.match(pages[9] ?? '', new RegExp(`^Header \\| row ${continued} \\| .* \\| row 12$`))
})

test('a heading and a lead-in go over with what follows them', () => {
  assert.equal(pages[10], 'Before.')
  assert.equal(pages[11], 'A heading | Its text. | Before.')
  assert.equal(pages[12], 'These follow: | one | two')
})

test('the typesetting report finds nothing left to mend', () => {
  const rules = (result.measures?.findings ?? []).map((finding) => finding.rule)
  assert.deepEqual(
    rules.filter((rule) => rule === 'widow' || rule === 'orphan' || rule === 'hyphen-at-recto-end' || rule === 'hyphen-ladder' || rule === 'unrepeated-table-header' || rule.startsWith('stranded')),
    [],
  )
})
