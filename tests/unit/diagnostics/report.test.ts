import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, it } from 'node:test'
import { VFile } from 'vfile'
import { codeFrame } from '../../../scripts/diagnostics/code-frame.ts'
import { reportFiles } from '../../../scripts/diagnostics/report.ts'

const cwd = '/home/writer/zine'

function chapter(name: string, value = 'x\n'): VFile {
  return new VFile({ path: path.join(cwd, 'manuscript', name), value })
}

describe('reportFiles', () => {
  it('prints file:line:col  severity  message  rule, paths relative to the working directory', () => {
    const file = chapter('01-intro.md')
    file.message('Link to `#nowhere`, but no heading has that id', { place: { line: 12, column: 5 }, ruleId: 'broken-internal-link', source: 'samizdat' })
    const report = reportFiles([file], { strict: false, cwd })
    const [first] = report.text.split('\n')
    assert.match(first!, /^manuscript\/01-intro\.md:12:5 {2}warning {2}Link to `#nowhere`, but no heading has that id {2}broken-internal-link$/)
    assert.equal(report.failed, false)
    assert.equal(report.warnings, 1)
    assert.match(report.text, /0 errors, 1 warning$/)
  })

  it('gathers every file, sorted by place within a file, with one count line', () => {
    const a = chapter('01-a.md')
    const b = chapter('02-b.md')
    a.message('later', { place: { line: 9, column: 1 }, ruleId: 'r' })
    a.message('earlier', { place: { line: 2, column: 3 }, ruleId: 'r' })
    b.message('other file', { place: { line: 1, column: 1 }, ruleId: 'r' })
    const lines = reportFiles([a, b], { strict: false, cwd }).text.split('\n')
    assert.deepEqual(
      lines.slice(0, 3).map((line) => line.split(/\s{2,}/)[0]),
      ['manuscript/01-a.md:2:3', 'manuscript/01-a.md:9:1', 'manuscript/02-b.md:1:1'],
    )
  })

  it('shows a code frame with a caret under the offending book.yaml value', () => {
    const config = new VFile({ path: path.join(cwd, 'book.yaml'), value: 'title: Zine\npageSize: A3\nlang: en\n' })
    const message = config.message('`pageSize`: expected one of A5, A6', { place: { start: { line: 2, column: 11 }, end: { line: 2, column: 13 } }, ruleId: 'book-schema' })
    message.fatal = true
    const report = reportFiles([config], { strict: false, cwd })
    assert.equal(report.failed, true)
    assert.equal(report.errors, 1)
    assert.match(report.text, /^book\.yaml:2:11 {2}error {4}`pageSize`/)
    assert.match(report.text, /> 2 \| pageSize: A3\n\s+\| {11}\^\^\n/)
    assert.match(report.text, / 1 \| title: Zine/)
  })

  it('names the suggestions a stage offers (did you mean)', () => {
    const file = chapter('01-a.md')
    const message = file.message('Unknown citation key `smth2020`', { place: { line: 3, column: 7 }, ruleId: 'unknown-citation' })
    message.expected = ['smith2020']
    assert.match(reportFiles([file], { strict: false, cwd }).text, /Unknown citation key `smth2020` \(did you mean `smith2020`\?\)/)
  })

  it('counts warnings as failures under strict', () => {
    const file = chapter('01-a.md')
    file.message('a warning', { place: { line: 1, column: 1 }, ruleId: 'r' })
    const report = reportFiles([file], { strict: true, cwd })
    assert.equal(report.failed, true)
    assert.match(report.text, /strict is on/)
  })

  it('prints just the path for a message without a place, and nothing for clean files', () => {
    const folder = new VFile({ path: path.join(cwd, 'empty') })
    folder.message('No chapters', { ruleId: 'no-chapters' }).fatal = true
    assert.match(reportFiles([folder], { strict: false, cwd }).text, /^empty {2}error {4}No chapters {2}no-chapters/)
    assert.deepEqual(reportFiles([chapter('ok.md')], { strict: false, cwd }), { text: '', failed: false, errors: 0, warnings: 0 })
  })

  it('colours only when asked', () => {
    const file = chapter('01-a.md')
    file.message('w', { place: { line: 1, column: 1 }, ruleId: 'r' })
    assert.ok(!reportFiles([file], { strict: false, cwd }).text.includes('\x1b['))
    assert.ok(reportFiles([file], { strict: false, cwd, color: true }).text.includes('\x1b[33m'))
  })
})

describe('codeFrame', () => {
  it('marks a range on one line and keeps tabs so the caret lines up', () => {
    const frame = codeFrame('a\n\tkey: value\nb', { line: 2, column: 7 }, { line: 2, column: 12 })
    assert.equal(frame, '  1 | a\n> 2 | \tkey: value\n    | \t     ^^^^^\n  3 | b')
  })

  it('marks one character when the place is a point, and clamps past the end', () => {
    assert.equal(codeFrame('only', { line: 1, column: 3 }, undefined), '> 1 | only\n    |   ^')
    assert.equal(codeFrame('ab', { line: 9, column: 9 }, undefined), '> 1 | ab\n    |   ^')
  })

})

describe('reportFiles on a long build', () => {
  it('prints each rule\'s first five warnings of a 100-warning build, a line for the rest of each, and the counts by rule; --verbose prints all 100', () => {
    const files = Array.from({ length: 10 }, (_, index) => chapter(`${String(index + 1).padStart(2, '0')}-chapter.md`))
    for (const [index, file] of files.entries()) {
      for (let line = 1; line <= 9; line++) file.message(`Link to \`other-${line}.md\`, a file that is not part of the book`, { place: { line, column: 1 }, ruleId: 'relative-link', source: 'samizdat' })
      file.message('Raw HTML `<listing>` is not used in a book', { place: { line: 20 + index, column: 1 }, ruleId: 'unsupported-html', source: 'samizdat' })
    }
    const error = files[3]!.message('Broken beyond repair', { place: { line: 2, column: 1 }, ruleId: 'relative-link', source: 'samizdat' })
    error.fatal = true
    const report = reportFiles(files, { strict: false, cwd })
    assert.equal(report.warnings, 100)
    assert.equal(report.errors, 1)
    const lines = report.text.split('\n')
    assert.ok(lines.length < 40, `${lines.length} lines:\n${report.text}`)
    assert.equal(lines.filter((line) => /warning {2}Link to/.test(line)).length, 5)
    assert.equal(lines.filter((line) => /warning {2}Raw HTML/.test(line)).length, 5)
    assert.ok(lines.some((line) => /error {4}Broken beyond repair/.test(line)), 'errors are always shown')
    assert.ok(lines.includes('… 85 more relative-link messages (first 5 shown; `--verbose` for all)'), report.text)
    assert.ok(lines.includes('… 5 more unsupported-html messages (first 5 shown; `--verbose` for all)'), report.text)
    assert.deepEqual(lines.slice(-2), ['     91  relative-link', '     10  unsupported-html'])
    const verbose = reportFiles(files, { strict: true, cwd, verbose: true })
    assert.equal(verbose.text.split('\n').filter((line) => / warning {2}/.test(line)).length, 100)
    assert.equal(verbose.failed, true)
    // --strict counts the hidden ones too.
    assert.equal(reportFiles(files, { strict: true, cwd }).warnings, 100)
  })
})
