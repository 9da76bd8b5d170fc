import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { promisify } from 'node:util'
import { strFromU8, unzipSync } from 'fflate'
import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toString as hastToString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'
import type { PageStart } from '../../../scripts/lib/book-model.ts'
import { pageId } from '../../../scripts/epub/page-breaks.ts'
import { wordsAfterPageBreak } from '../../../scripts/epub/words-after-page-break.ts'
import { aceCli, runAce } from '../../helpers/run-ace.ts'
import { bookTreeToEpub } from '../../../scripts/epub/book-tree-to-epub.ts'
import { manuscriptToBookTree } from '../../../scripts/read/manuscript-to-book-tree.ts'

const run = promisify(execFile)
const fixture = 'tests/fixtures/epub/book'
const out = mkdtempSync(path.join(tmpdir(), 'samizdat-epub-'))
const date = '2024-03-15T00:00:00Z'

// A print layout of the fixture as the PDF stage reports it: title and blank
// front matter, a page starting mid-paragraph (inside "emphasised"), a blank
// verso before chapter 2, and trailing blank pages.
const pageStarts: PageStart[] = [
  { page: 1, folio: 'i', sid: null, offset: 0 },
  { page: 2, folio: 'ii', sid: null, offset: 0 },
  { page: 3, folio: '1', sid: '1', offset: 0 },
  { page: 4, folio: '2', sid: '2', offset: 45 },
  { page: 5, folio: '3', sid: '5', offset: 0 },
  { page: 6, folio: '4', sid: null, offset: 0 },
  { page: 7, folio: '5', sid: '7', offset: 0 },
  { page: 8, folio: '6', sid: null, offset: 0 },
]

let epub: Uint8Array
let entries: Record<string, string>

before(async () => {
  const { tree } = await manuscriptToBookTree(fixture)
  epub = (await bookTreeToEpub(tree, { date, pageStarts })).epub
  writeFileSync(path.join(out, 'book.epub'), epub)
  entries = Object.fromEntries(Object.entries(unzipSync(epub)).map(([name, data]) => [name, name.endsWith('.png') || name.endsWith('.woff2') ? '' : strFromU8(data)]))
})

after(() => rmSync(out, { recursive: true, force: true }))

/** Run EPUBCheck and return its messages (`ERROR(RSC-005): …`). */
async function epubcheck(file: string): Promise<string[]> {
  const report = `${file}.json`
  // EPUBCheck exits 1 when it finds errors; the JSON report says what they are.
  await run('java', ['-jar', '/usr/share/java/epubcheck.jar', file, '--json', report]).catch(() => undefined)
  const { messages } = JSON.parse(readFileSync(report, 'utf8')) as { messages: { ID: string; severity: string; message: string; locations: { path: string; line: number }[] }[] }
  return messages.map((m) => `${m.severity}(${m.ID}): ${m.message} at ${m.locations.map((l) => `${l.path}:${l.line}`).join(', ')}`)
}

function parse(name: string): Root {
  const text = entries[`EPUB/${name}`]
  assert.ok(text, `EPUB/${name} is in the container`)
  return fromHtml(text)
}

function elements(tree: Root | Element, test: (node: Element) => boolean): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node: Element) => {
    if (test(node)) found.push(node)
  })
  return found
}

const epubType = (node: Element) => String(node.properties['epub:type'] ?? '')

test('EPUBCheck reports no errors and no warnings', async () => {
  assert.deepEqual(await epubcheck(path.join(out, 'book.epub')), [])
})

test('the default manuscript passes EPUBCheck clean too', async () => {
  const { tree } = await manuscriptToBookTree('manuscript')
  const file = path.join(out, 'default.epub')
  writeFileSync(file, (await bookTreeToEpub(tree, { date })).epub)
  assert.deepEqual(await epubcheck(file), [])
})

test('building twice gives the same bytes, rendered cover included', async () => {
  const { tree } = await manuscriptToBookTree(fixture)
  const again = (await bookTreeToEpub(tree, { date, pageStarts })).epub
  assert.ok(Buffer.from(again).equals(Buffer.from(epub)), 'the second EPUB differs from the first')
})

test('the nav has the contents to the section level, the landmarks and the page list', () => {
  const nav = parse('nav.xhtml')
  const [toc] = elements(nav, (node) => node.tagName === 'nav' && epubType(node) === 'toc')
  assert.ok(toc)
  const links = elements(toc, (node) => node.tagName === 'a').map((a) => [String(a.properties['href']), hastToString(a)])
  assert.deepEqual(links, [
    ['chapter-first.xhtml#first', '1 The first chapter'],
    ['chapter-first.xhtml#a-section-with-a-picture', '1.1 A section with a picture'],
    ['chapter-second.xhtml#second', '2 The second chapter'],
    ['chapter-second.xhtml#a-table', '2.1 A table'],
    ['chapter-second.xhtml#über-accents', '2.2 Über accents'],
  ])
  const landmarks = elements(nav, (node) => node.tagName === 'a' && epubType(node) !== '').map(epubType)
  assert.deepEqual(landmarks, ['cover', 'titlepage', 'toc', 'bodymatter'])
  const [pageList] = elements(nav, (node) => node.tagName === 'nav' && epubType(node) === 'page-list')
  assert.ok(pageList)
  const pages = elements(pageList, (node) => node.tagName === 'a').map((a) => [hastToString(a), String(a.properties['href'])])
  assert.deepEqual(pages, [
    ['1', 'chapter-first.xhtml#page-3'],
    ['2', 'chapter-first.xhtml#page-4'],
    ['3', 'chapter-first.xhtml#page-5'],
    ['5', 'chapter-second.xhtml#page-7'],
  ])
})

test('each page marker sits where its print page begins, at a word start', () => {
  const first = entries['EPUB/chapter-first.xhtml']!
  const second = entries['EPUB/chapter-second.xhtml']!
  assert.equal(wordsAfterPageBreak(first, pageId(3), 3), '1 The first')
  // Offset 45 falls inside "emphasised": the marker moves to the word's start.
  assert.equal(wordsAfterPageBreak(first, pageId(4), 3), 'emphasised words and')
  assert.equal(wordsAfterPageBreak(first, pageId(5), 3), 'See the second')
  // The blank verso before chapter 2 is in no page-list; chapter 2's page is marked before its heading, not inside it.
  assert.doesNotMatch(second, new RegExp(`id="${pageId(6)}"`))
  assert.equal(wordsAfterPageBreak(second, pageId(7), 3), '2 The second')
  assert.match(second, new RegExp(`<span[^>]*id="${pageId(7)}"[^>]*/><h1`))
  const [marker] = elements(parse('chapter-first.xhtml'), (node) => node.properties['id'] === pageId(4))
  assert.deepEqual(
    { role: marker?.properties['role'], type: marker && epubType(marker), label: marker?.properties['ariaLabel'] },
    { role: 'doc-pagebreak', type: 'pagebreak', label: '2' },
  )
  assert.doesNotMatch(first + second, /data-sid/)
})

test('notes are asides at the chapter end, called by noterefs and linking back', () => {
  const chapter = parse('chapter-first.xhtml')
  const asides = elements(chapter, (node) => node.tagName === 'aside')
  assert.deepEqual(asides.map((aside) => [aside.properties['id'], epubType(aside), aside.properties['role']]), [
    ['first-fn-a', 'footnote', 'doc-footnote'],
    ['first-fn-b', 'footnote', 'doc-footnote'],
  ])
  const refs = elements(chapter, (node) => epubType(node) === 'noteref')
  assert.deepEqual(refs.map((ref) => [ref.properties['href'], ref.properties['role']]), [
    ['#first-fn-a', 'doc-noteref'],
    ['#first-fn-b', 'doc-noteref'],
  ])
  const back = elements(asides[0]!, (node) => node.properties['role'] === 'doc-backlink')
  assert.deepEqual(back.map((a) => [a.properties['href'], hastToString(a)]), [['#first-fnref-a', '1.']])
})

test('links across chapters point into the right document; links out stay absolute', () => {
  const hrefs = elements(parse('chapter-first.xhtml'), (node) => node.tagName === 'a' && node.properties['href'] !== undefined).map((a) => String(a.properties['href']))
  assert.ok(hrefs.includes('chapter-second.xhtml#second'))
  assert.ok(hrefs.includes('chapter-second.xhtml#a-table'))
  assert.ok(hrefs.includes('https://example.org/'))
})

test('the book face is embedded and the cover is a 1600×2560 PNG', () => {
  const opf = entries['EPUB/package.opf']!
  const fonts = [...opf.matchAll(/href="(fonts\/[^"]+\.woff2)" media-type="font\/woff2"/g)].map((match) => match[1]!)
  assert.ok(fonts.length >= 2, opf)
  for (const font of fonts) assert.ok(`EPUB/${font}` in entries, font)
  assert.match(entries['EPUB/styles/fonts.css']!, /@font-face[^}]*url\(\.\.\/fonts\/literata-/)
  const cover = unzipSync(epub)['EPUB/cover.png']!
  const view = new DataView(cover.buffer, cover.byteOffset)
  assert.deepEqual([view.getUint32(16), view.getUint32(20)], [1600, 2560])
  assert.match(opf, /<item id="cover-image" href="cover.png" media-type="image\/png" properties="cover-image" \/>/)
})

test('the package carries accessibility metadata and names the print edition as the page source', () => {
  const opf = entries['EPUB/package.opf']!
  for (const needed of [
    /<meta property="schema:accessMode">textual<\/meta>/,
    /<meta property="schema:accessMode">visual<\/meta>/,
    /<meta property="schema:accessModeSufficient">textual<\/meta>/,
    /<meta property="schema:accessibilityFeature">alternativeText<\/meta>/,
    /<meta property="schema:accessibilityFeature">pageNavigation<\/meta>/,
    /<meta property="schema:accessibilityFeature">pageBreakMarkers<\/meta>/,
    /<meta property="schema:accessibilityHazard">none<\/meta>/,
    /<meta property="schema:accessibilitySummary">[^<]+<\/meta>/,
    /<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA<\/meta>/,
    /<dc:source id="page-source">urn:uuid:[0-9a-f-]+ \(print\)<\/dc:source>/,
    /<meta property="dcterms:modified">2024-03-15T00:00:00Z<\/meta>/,
  ]) {
    assert.match(opf, needed)
  }
})

test('Ace by DAISY finds no accessibility violations and no missing metadata', async (t) => {
  if (!aceCli) return t.skip('@daisy/ace-cli is not installed')
  const ace = await runAce(path.join(out, 'book.epub'), path.join(out, 'ace'))
  assert.deepEqual(ace.violations, [])
  assert.deepEqual(ace.missingMetadata, [])
  assert.equal(ace.outcome, 'pass')
})
