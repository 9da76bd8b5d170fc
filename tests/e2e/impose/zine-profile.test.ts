import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { runCli } from '../../helpers/build-cli.ts'
import { readPdf } from '../../helpers/read-pdf.ts'

// A zine-profile book at A7, seven one-page parts: book.pdf is the cover and seven pages, book-zine.pdf one A4 sheet.
const temp = mkdtempSync(path.join(tmpdir(), 'samizdat-zine-'))
after(() => rmSync(temp, { recursive: true, force: true }))
const dir = path.join(temp, 'zine')
const words = ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven']
const mm = 72 / 25.4

/** Each run of text on the single imposed page: where it is (pt) and whether it is upside down. */
async function sheetText(file: string): Promise<{ width: number; height: number; items: { str: string; x: number; y: number; upsideDown: boolean }[] }> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false }).promise
  try {
    const page = await doc.getPage(1)
    const [, , width, height] = page.view as [number, number, number, number]
    const content = await page.getTextContent()
    const items = content.items.flatMap((item) => ('str' in item && item.str.trim() ? [{ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number, upsideDown: (item.transform[0] as number) < 0 }] : []))
    return { width, height, items }
  } finally {
    await doc.destroy()
  }
}

describe('profile: zine', () => {
  let built: Awaited<ReturnType<typeof runCli>>
  before(async () => {
    mkdirSync(dir)
    writeFileSync(path.join(dir, 'book.yaml'), 'title: "Mutual Aid"\nauthor: "Reading Group"\nprofile: zine\npageSize: A7\n')
    for (const [index, word] of words.entries()) writeFileSync(path.join(dir, `0${index + 1}.md`), `# Part ${word}\n\nSociability is as much a law of nature as mutual struggle.\n`)
    built = await runCli(['build', dir, '--format', 'pdf,booklet'], { cwd: temp, timeoutMs: 300_000 })
    assert.equal(built.code, 0, built.stderr)
  })

  test('book.pdf: the cover as page 1, no front matter, each part on the next page, no blanks', async () => {
    const pdf = await readPdf(path.join(dir, 'dist', 'book.pdf'))
    assert.equal(pdf.pages.length, 8)
    assert.match(pdf.pages[0]!.map((line) => line.text).join(' '), /^Mutual Aid/)
    for (const [index, word] of words.entries()) assert.match(pdf.pages[index + 1]![0]!.text, new RegExp(`^Part ${word}$`), `page ${index + 2}`)
    assert.doesNotMatch(built.stderr, /zine-blank-pages/)
  })

  test('book-zine.pdf: one A4 sheet, pages at 100 %, the cover bottom right, pages 2–5 upside down along the top, 6–8 along the bottom', async () => {
    assert.match(built.stderr, /at 100% of its size/)
    const sheet = await sheetText(path.join(dir, 'dist', 'book-zine.pdf'))
    assert.ok(Math.abs(sheet.width - 297 * mm) < 1 && Math.abs(sheet.height - 210 * mm) < 1, `${sheet.width} × ${sheet.height}`)
    const panelOf = (text: string) => {
      const item = sheet.items.find((candidate) => candidate.str.includes(text))
      assert.ok(item, `${text} is on the sheet`)
      return { column: Math.floor(item.x / (sheet.width / 4)), row: item.y > sheet.height / 2 ? 'top' : 'bottom', upsideDown: item.upsideDown }
    }
    // The classic fold: top row (upside down) 5 4 3 2, bottom row 6 7 8 1.
    assert.deepEqual(panelOf('Mutual Aid'), { column: 3, row: 'bottom', upsideDown: false })
    const expected = [
      [3, 'top'],
      [2, 'top'],
      [1, 'top'],
      [0, 'top'],
      [0, 'bottom'],
      [1, 'bottom'],
      [2, 'bottom'],
    ] as const
    words.forEach((word, index) => {
      const [column, row] = expected[index]!
      assert.deepEqual(panelOf(`Part ${word}`), { column, row, upsideDown: row === 'top' }, `Part ${word}`)
    })
  })

  test('a zine of A5 pages on A4 warns that its text prints under 7 pt, with the numbers', async () => {
    const run = await runCli(['build', dir, '--format', 'booklet', '--page-size', 'A5', '--out', path.join(temp, 'a5')], { cwd: temp, timeoutMs: 300_000 })
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stderr, /the 10\.5 pt text comes out at [\d.]+ pt, under the 7 pt.*impose-zine-small-text/)
  })
})
