import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { runCli } from '../../helpers/build-cli.ts'
import { type ReadPdf, readPdf } from '../../helpers/read-pdf.ts'

// A short book with a back-cover text, built once: book.pdf in its covers, the booklet, the cover spread.
const temp = mkdtempSync(path.join(tmpdir(), 'samizdat-cover-'))
after(() => rmSync(temp, { recursive: true, force: true }))
const dir = path.join(temp, 'pamphlet')
const out = path.join(dir, 'dist')
const pageText = (pdf: ReadPdf, page: number) => pdf.pages[page - 1]!.map((line) => line.text).join(' ')

/** Text of one half of a booklet side, read by poppler from the imposed sheet (A4 landscape: two A5 pages). */
function halfText(file: string, side: number, half: 'left' | 'right'): string {
  const [width, height] = [842, 595]
  const x = half === 'left' ? 0 : width / 2
  return execFileSync('pdftotext', ['-f', String(side), '-l', String(side), '-x', String(x), '-y', '0', '-W', String(width / 2), '-H', String(height), file, '-'], { encoding: 'utf8' })
}

describe('print covers', () => {
  let book: ReadPdf
  before(async () => {
    mkdirSync(dir)
    writeFileSync(
      path.join(dir, 'book.yaml'),
      [
        'title: "Mutual Aid Pamphlet"',
        'author: "Reading Group"',
        'publisher: "Kitchen Table Press"',
        'paper: { ppi: 200 }',
        'backCover: |',
        '  A *short* pamphlet on cooperation, for the Thursday group.',
        '',
      ].join('\n'),
    )
    for (const [index, name] of ['One', 'Two', 'Three'].entries()) {
      writeFileSync(path.join(dir, `0${index + 1}.md`), `# Chapter ${name}\n\n${'Sociability is as much a law of nature as mutual struggle. '.repeat(30)}\n`)
    }
    const built = await runCli(['build', dir, '--format', 'pdf,booklet,cover'], { cwd: temp, timeoutMs: 300_000 })
    assert.equal(built.code, 0, built.stderr)
    book = await readPdf(path.join(out, 'book.pdf'))
  })

  test('book.pdf opens on its front cover and its inside, and ends on the back cover, a verso', () => {
    // The people in small capitals and the publisher in spaced capitals, as the title page design sets them.
    const spaced = (text: string) => text.replaceAll(' ', '').toUpperCase()
    assert.match(spaced(pageText(book, 1)), /^MUTUALAIDPAMPHLETREADINGGROUPKITCHENTABLEPRESS$/)
    assert.equal(pageText(book, 2), '')
    const last = book.pages.length
    assert.equal(last % 2, 0)
    assert.match(pageText(book, last), /^A short pamphlet on cooperation, for the Thursday group\. K I T C H E N/)
    // The half-title is still the first recto inside the cover, and the folios go on as printed.
    assert.match(pageText(book, 3), /^Mutual Aid Pamphlet$/)
    assert.deepEqual(book.labels?.slice(0, 3), ['Front cover', 'Inside front cover', 'i'])
    assert.equal(book.labels?.at(-1), 'Back cover')
  })

  test('the booklet begins with the front cover and ends with the back cover: both on the outside of the first sheet', () => {
    const booklet = path.join(out, 'book-booklet.pdf')
    // Side 1 is the outside of the outermost sheet: the last page on the left, the first on the right.
    assert.match(halfText(booklet, 1, 'right'), /Mutual Aid Pamphlet/)
    assert.match(halfText(booklet, 1, 'left'), /A short pamphlet on cooperation/)
  })

  test('book-cover.pdf: back, spine and front on one page, the spine as wide as the pages at the paper\'s PPI', () => {
    const interior = book.pages.length - (book.labels ?? []).filter((label) => /cover/.test(label)).length
    const info = execFileSync('pdfinfo', ['-box', path.join(out, 'book-cover.pdf')], { encoding: 'utf8' })
    const width = Number(/Page size:\s+([\d.]+) x/.exec(info)?.[1])
    const spineMm = (interior / 200) * 25.4
    assert.ok(Math.abs(width - ((2 * 148 + spineMm) * 72) / 25.4) < 0.5, info)
    assert.match(info, /TrimBox:/)
    const text = execFileSync('pdftotext', [path.join(out, 'book-cover.pdf'), '-'], { encoding: 'utf8' })
    assert.match(text, /A short pamphlet on cooperation/)
    assert.match(text, /Mutual Aid Pamphlet/)
  })
})
