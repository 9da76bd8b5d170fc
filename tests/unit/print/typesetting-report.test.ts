import assert from 'node:assert/strict'
import { test } from 'node:test'
import { h } from 'hastscript'
import { VFile } from 'vfile'
import type { BookTree } from '../../../scripts/lib/book-model.ts'
import type { PageMeasures } from '../../../scripts/print/layout/measure-typesetting.ts'
import { formatTypesettingReport, medianSpace, typesettingReport } from '../../../scripts/print/typesetting-report.ts'

function bookWith(file: VFile): BookTree {
  const paragraph = h('p', { dataSid: '7' }, 'Some text')
  paragraph.position = { start: { line: 12, column: 1 }, end: { line: 12, column: 10 } }
  const chapter = { id: 'one', index: 0, file, hast: { type: 'root', children: [paragraph] }, title: 'One', titleContent: [], headingId: 'one' }
  // Only the chapters are read.
  return { chapters: [chapter] } as unknown as BookTree
}

const pageStarts = [
  { page: 1, folio: 'i', sid: null, offset: 0 },
  { page: 2, folio: '1', sid: '7', offset: 0 },
]

test('the median word space from the histogram of tenths of a px', () => {
  assert.equal(medianSpace({ '40': 3, '45': 1, '90': 1 }), 4)
  assert.equal(medianSpace({}), 0)
})

test('loose lines are kept over twice the book’s median; findings get folio, file, line and a warning there', () => {
  const chapterFile = new VFile({ path: 'chapters/one.md' })
  const pdfFile = new VFile({ path: 'book.pdf' })
  const measures: PageMeasures = {
    pages: 2,
    lines: 200,
    hyphenated: 10,
    spaces: { '40': 100, '50': 20 },
    findings: [
      { rule: 'loose-line', page: 2, sid: '7', text: 'a b', value: 9 },
      { rule: 'loose-line', page: 2, sid: '7', text: 'c d', value: 7 },
      { rule: 'widow', page: 2, sid: '7', text: 'ity.' },
      { rule: 'underfull-page', page: 1, sid: null, text: 'Entry', value: 0.5 },
    ],
  }
  const report = typesettingReport(measures, bookWith(chapterFile), pageStarts, pdfFile)
  assert.equal(report.medianSpace, 4)
  assert.equal(report.counts['loose-line'], 1)
  assert.equal(report.worstSpaceRatio, 2.3)
  assert.equal(report.looseLinesPercent, 0.5)
  assert.equal(report.hyphenatedPercent, 5)
  assert.deepEqual(report.findings[1], { rule: 'widow', page: 2, sid: '7', text: 'ity.', folio: '1', file: 'chapters/one.md', line: 12, column: 1 })
  assert.deepEqual(
    chapterFile.messages.map((message) => [message.ruleId, message.line, message.column, message.fatal]),
    [
      ['loose-line', 12, 1, false],
      ['widow', 12, 1, false],
    ],
  )
  assert.match(chapterFile.messages[1]!.reason, /^Page 2 \(folio 1\): the last line of a paragraph stands alone at the top of the page.*“ity\.”$/)
  // No manuscript place: the warning goes on the PDF.
  assert.deepEqual(pdfFile.messages.map((message) => message.ruleId), ['underfull-page'])
  assert.match(pdfFile.messages[0]!.reason, /\(50 % full\)/)
  const table = formatTypesettingReport(report)
  assert.match(table, /^Typesetting report\n/)
  assert.match(table, /widows\s+1\n/)
  assert.match(table, /hyphenated lines\s+10 \(5 %\)/)
})
