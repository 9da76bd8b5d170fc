import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { after, before, test } from 'node:test'
import { withBrowser } from '../../../scripts/print/browser/browser-session.ts'
import { containPages, layOutPages, preparePagedLayout } from '../../../scripts/print/layout/paged-layout.ts'
import { settleSoftHyphens } from '../../../scripts/print/layout/settle-soft-hyphens.ts'
import { writePrintBuild } from '../../../scripts/print/write-print-build.ts'
import { manuscriptToBookTree } from '../../../scripts/read/manuscript-to-book-tree.ts'
import { readPdf } from '../../helpers/read-pdf.ts'

// The PDF's text layer: the same page laid out once by Paged.js and printed
// twice, before and after the soft hyphens are settled, so the test sees
// exactly what settling changed and that no line moved.
const book = path.join(import.meta.dirname, '..', '..', 'fixtures', 'print', 'text-layer')
const work = mkdtempSync(path.join(tmpdir(), 'samizdat-text-layer-'))
const beforeFile = path.join(work, 'before.pdf')
const afterFile = path.join(work, 'after.pdf')
let settled = { hyphens: 0, removed: 0 }

before(async () => {
  const { tree } = await manuscriptToBookTree(book)
  const dir = path.join(work, 'build')
  const build = await writePrintBuild(tree, dir)
  await withBrowser({ tempDir: work }, async (session) => {
    const documentUrl = pathToFileURL(build.htmlFile).href
    const { page } = await session.newPage({ allowedRoots: [dir], documentUrl })
    await page.emulateMediaType('print')
    await preparePagedLayout(page)
    await page.goto(documentUrl, { waitUntil: 'load' })
    await layOutPages(page, { limitMs: 120_000, stallMs: 60_000 })
    const print = () => page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true })
    writeFileSync(beforeFile, await print())
    // As the PDF stage does: each page contained, then the soft hyphens settled.
    await containPages(page)
    settled = await settleSoftHyphens(page)
    writeFileSync(afterFile, await print())
  })
})

after(() => process.env["KEEP"] ? undefined : rmSync(work, { recursive: true, force: true }))

/** Each page's words with where they stand, as poppler reads them. */
function placedWords(file: string): { text: string; x: number; y: number }[][] {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' })
  return xml.split('<page ').slice(1).map((page) =>
    [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((match) => ({ text: match[3]!, x: Number(match[1]), y: Number(match[2]) })),
  )
}

test('settling the soft hyphens moves no line and no word: every page reads the same, less its soft hyphens', () => {
  const raw = placedWords(beforeFile)
  const clean = placedWords(afterFile)
  assert.ok(raw.length >= 4, `${raw.length} pages`)
  assert.ok(raw.flat().some((word) => word.text.includes('\u00AD')), 'the unsettled print has soft hyphens (else this test proves nothing)')
  assert.equal(clean.length, raw.length)
  raw.forEach((words, index) => {
    const page = clean[index]!
    assert.deepEqual(
      page.map((word) => word.text),
      words.map((word) => word.text.replaceAll('\u00AD', '')),
      `page ${index + 1}`,
    )
    // Justification may round differently by a hundredth of a point; a moved word would be off by a space or a line.
    words.forEach((word, at) => {
      assert.ok(Math.abs(page[at]!.x - word.x) < 0.1 && Math.abs(page[at]!.y - word.y) < 0.1, `page ${index + 1}: “${word.text}” moved`)
    })
  })
  assert.ok(settled.hyphens >= 5 && settled.removed > settled.hyphens * 5, JSON.stringify(settled))
})

test('pdftotext finds no soft hyphen; a hyphenated line end reads `word-`, the next line the rest of the word', () => {
  const text = execFileSync('pdftotext', ['-layout', afterFile, '-'], { encoding: 'utf8' })
  assert.equal(text.match(/\u00AD/g)?.length ?? 0, 0)
  const lines = text.split('\n').map((line) => line.trim())
  const broken = lines.flatMap((line, index) => {
    const head = /(\p{L}+)-$/u.exec(line)?.[1]
    const rest = /^\p{L}+/u.exec(lines[index + 1] ?? '')?.[0]
    return head && rest ? [`${head}${rest}`] : []
  })
  assert.equal(broken.length, settled.hyphens, broken.join(' '))
  const words = new Set(execFileSync('cat', [path.join(book, '01-words.md')], { encoding: 'utf8' }).match(/\p{L}+/gu))
  for (const word of broken) assert.ok(words.has(word), `“${word}”, joined again, is not a word of the manuscript`)
})

test('pdf.js reads the same words: no soft hyphen, and “Th” at the start of continued pages’ paragraphs', async () => {
  const pdf = await readPdf(afterFile)
  const text = pdf.pages.map((page) => page.map((line) => line.text).join('\n')).join('\n')
  assert.doesNotMatch(text, /\u00AD/)
  for (const start of ['The typographers’', 'There were', 'These negotiations', 'The newsletters’', 'Thereafter the']) {
    assert.ok(text.includes(start), `pdf.js does not find “${start}”`)
  }
})

test('poppler extracts every “Th” ligature as “Th”, in roman and italic', () => {
  const text = execFileSync('pdftotext', [afterFile, '-'], { encoding: 'utf8' })
  assert.doesNotMatch(text, /\bT(?:e|ere|ese|us|is|ereafter)\b/u)
  assert.equal(text.match(/\bTh/g)?.length, execFileSync('pdftotext', [beforeFile, '-'], { encoding: 'utf8' }).match(/\bTh/g)?.length)
  for (const start of ['“The resolution', 'The first tool', 'This pamphleteering', 'Thus the collection', 'The typographers’', 'Thereafter the']) {
    assert.ok(text.includes(start), `poppler does not find “${start}”`)
  }
})
