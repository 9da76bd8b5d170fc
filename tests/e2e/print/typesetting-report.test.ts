// The typesetting measures read in the browser after layout: one page (or two) per fault, each
// built so that the fault is certain (a spacer leaves a known room at the page's foot).
import assert from 'node:assert/strict'
import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { htmlToPdf } from '../../../scripts/print/layout/html-to-pdf.ts'
import type { PageMeasures } from '../../../scripts/print/layout/measure-typesetting.ts'

const fixture = new URL('../../fixtures/print/typesetting/book.html', import.meta.url)
let work: string
let measures: PageMeasures

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'samizdat-typesetting-'))
  await copyFile(fixture, join(work, 'book.html'))
  const result = await htmlToPdf({
    htmlFile: join(work, 'book.html'),
    allowedRoot: work,
    toc: [],
    metadata: { title: 'Typesetting faults', authors: [], keywords: [], lang: 'en' },
    tempDir: work,
    measure: true,
  })
  assert.equal(result.pageCount, 15)
  assert.ok(result.measures, 'measured')
  measures = result.measures
})

after(async () => {
  await rm(work, { recursive: true, force: true })
})

const found = (rule: string) => measures.findings.filter((finding) => finding.rule === rule).map(({ page, sid, text }) => ({ page, sid, text }))

test('widows and orphans: a paragraph’s last line alone at a page’s top, its first alone at the foot', () => {
  assert.deepEqual(found('widow'), [{ page: 2, sid: '1', text: 'epsilon.' }])
  assert.deepEqual(found('orphan'), [{ page: 3, sid: '2', text: 'Zeta eta' }])
})

test('a hyphen at a recto’s end, and a run of three hyphenated lines', () => {
  assert.deepEqual(found('hyphen-at-recto-end'), [{ page: 1, sid: '1', text: 'gamma delta-' }])
  assert.deepEqual(found('hyphen-ladder'), [{ page: 15, sid: '28', text: 'hyphen-' }])
  assert.equal(measures.hyphenated, 4)
})

test('a heading and a lead-in last on a page; a page left under 75 % full by a block that did not fit', () => {
  assert.deepEqual(found('stranded-heading'), [{ page: 5, sid: '3', text: 'A stranded heading' }])
  assert.deepEqual(found('stranded-lead-in'), [{ page: 7, sid: '5', text: 'These follow:' }])
  const underfull = measures.findings.filter((finding) => finding.rule === 'underfull-page')
  assert.deepEqual(underfull.map(({ page }) => page), [9])
  assert.ok((underfull[0]?.value ?? 1) < 0.25, String(underfull[0]?.value))
})

test('a short poem split, a table continued without its header', () => {
  assert.deepEqual(found('split-verse'), [{ page: 11, sid: '10', text: 'Roses are red,' }])
  assert.deepEqual(found('unrepeated-table-header'), [{ page: 14, sid: '22', text: 'ItemCount' }])
})

test('loose and overfull lines', () => {
  const loose = measures.findings.filter((finding) => finding.rule === 'loose-line')
  const worst = loose.find((finding) => finding.sid === '31')
  assert.equal(worst?.text, 'Antidisestablishment and')
  // The one space of that line, against the median space of the justified lines.
  assert.ok((worst?.value ?? 0) > 5 * medianOf(measures.spaces), String(worst?.value))
  assert.deepEqual(
    found('overfull-line').map(({ page, sid }) => ({ page, sid })),
    [{ page: 15, sid: '30' }],
  )
})

function medianOf(histogram: Record<string, number>): number {
  const widths = Object.entries(histogram).flatMap(([key, count]) => Array<number>(count).fill(Number(key) / 10))
  widths.sort((a, b) => a - b)
  return widths[Math.floor((widths.length - 1) / 2)] ?? 0
}
