import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { before, test } from 'node:test'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { runCli } from '../../helpers/build-cli.ts'
import { type ReadPdf, readPdf } from '../../helpers/read-pdf.ts'

// A chapter that links to another chapter file and to an id in it, printed and read back.
const dir = mkdtempSync(path.join(tmpdir(), 'samizdat-chapter-links-'))
const out = path.join(dir, 'dist')
const filler = Array.from({ length: 14 }, (_, index) => `Paragraph ${index + 1} of the second chapter runs on for a while, so that the section after it starts on a later page than the chapter does, as sections of real chapters do.`).join('\n\n')
let pdf: ReadPdf
let links: { page: number; to: number }[] = []

before(async () => {
  writeFileSync(path.join(dir, 'book.yaml'), 'title: Links\nauthor: A. Writer\nchapters:\n  - first.md\n  - second.md\n')
  writeFileSync(path.join(dir, 'first.md'), '# First\n\nRead [the second chapter](second.md) and then [the harbour](./second.md#the-harbour).\n')
  writeFileSync(path.join(dir, 'second.md'), `# Second\n\n${filler}\n\n## The harbour\n\nGulls.\n`)
  const run = await runCli(['build', dir, '--out', out, '--format', 'pdf'], { timeoutMs: 300_000 })
  assert.equal(run.code, 0, run.stderr)
  assert.doesNotMatch(run.stderr, /not part of the book/)
  pdf = await readPdf(path.join(out, 'book.pdf'))
  links = await linkAnnotations(path.join(out, 'book.pdf'))
})

/** The internal links of a PDF: the page they are on, and the page (1-based) they go to. */
async function linkAnnotations(file: string): Promise<{ page: number; to: number }[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), isEvalSupported: false }).promise
  try {
    const found: { page: number; to: number }[] = []
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number)
      for (const annotation of await page.getAnnotations()) {
        if (annotation.subtype !== 'Link' || annotation.dest === undefined || annotation.dest === null) continue
        const dest = typeof annotation.dest === 'string' ? await doc.getDestination(annotation.dest) : annotation.dest
        const ref = dest?.[0]
        if (ref && typeof ref === 'object') found.push({ page: number, to: (await doc.getPageIndex(ref)) + 1 })
      }
    }
    return found
  } finally {
    await doc.destroy()
  }
}

/** The 1-based page whose text has a line matching `pattern`. */
function pageOf(pattern: RegExp): number {
  const index = pdf.pages.findIndex((lines) => lines.some((line) => pattern.test(line.text)))
  assert.notEqual(index, -1, `no line matches ${pattern}`)
  return index + 1
}

test('the links go to the other chapter and to the section in it', () => {
  const from = pageOf(/Read the second chapter/)
  const chapter = pageOf(/^Second$/)
  const section = pageOf(/^The harbour$/)
  assert.ok(section > chapter, `the section (p. ${section}) is after the chapter start (p. ${chapter})`)
  const targets = links.filter((link) => link.page === from).map((link) => link.to)
  assert.ok(targets.includes(chapter), `a link on p. ${from} goes to p. ${chapter}: ${targets}`)
  assert.ok(targets.includes(section), `a link on p. ${from} goes to p. ${section}: ${targets}`)
})

test('each cross-reference prints the page number it goes to', () => {
  const folio = (page: number) => pdf.labels?.[page - 1] ?? String(page)
  const text = pdf.pages[pageOf(/Read the second chapter/) - 1]!.map((line) => line.text).join(' ')
  assert.match(text, new RegExp(`the second chapter, p\\. ${folio(pageOf(/^Second$/))},? and then the harbour, p\\. ${folio(pageOf(/^The harbour$/))}`))
})
