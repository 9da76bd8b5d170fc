import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { before, test } from 'node:test'
import { unzipSync } from 'fflate'
import { pageId } from '../../../scripts/epub/page-breaks.ts'
import { wordsAfterPageBreak } from '../../../scripts/epub/words-after-page-break.ts'
import { runCli } from '../../helpers/build-cli.ts'
import { aceCli, runAce } from '../../helpers/run-ace.ts'
import { pdfjsPageTexts, searchableText } from '../../helpers/pdf-search-text.ts'
import { type ReadPdf, readPdf } from '../../helpers/read-pdf.ts'

// The default book, built by the real command with every output, read back
// the way a reader's tools would: the PDF by pdfjs and poppler, the EPUB by
// EPUBCheck, the booklet by poppler.
const out = mkdtempSync(path.join(tmpdir(), 'samizdat-book-'))
const again = mkdtempSync(path.join(tmpdir(), 'samizdat-book-again-'))
const bookTitle = 'Were any of the Bolshevik oppositions a real alternative?'
let pdf: ReadPdf

before(async () => {
  const run = await runCli(['build', 'manuscript', '--out', out], { timeoutMs: 300_000 })
  assert.equal(run.code, 0, run.stderr)
  pdf = await readPdf(path.join(out, 'book.pdf'))
})

const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' })
const bodyLines = (page: number) => pdf.pages[page - 1]!.filter((line) => line.y < pdf.height - 40)

test('every font is embedded as a subset, none is Type 3', () => {
  const rows = poppler('pdffonts', path.join(out, 'book.pdf')).split('\n').slice(2).filter(Boolean)
  assert.ok(rows.length > 0)
  for (const row of rows) {
    assert.doesNotMatch(row, /Type 3/, row)
    assert.match(row, /^[A-Z]{6}\+\S+.*\byes\s+yes\b/, row)
  }
})

test('Title, Author and language metadata', () => {
  assert.equal(pdf.info['Title'], bookTitle)
  assert.equal(pdf.info['Author'], 'The Anarchist FAQ Editorial Collective')
  assert.match(String(pdf.info['Keywords']), /anarchism/)
})

test('the outline has an entry per chapter heading, each on the page where it stands', () => {
  const chapters = pdf.outline.filter((entry) => entry.depth === 1 && entry.title !== 'Contents')
  assert.equal(chapters.length, 6, JSON.stringify(pdf.outline))
  for (const entry of chapters) {
    const words = entry.title.replace(/^\d+\s+/, '').split(/\s+/).slice(0, 3).join(' ')
    const text = pdf.pages[entry.page - 1]!.map((line) => line.text).join(' ')
    assert.ok(text.includes(words), `“${words}” not on page ${entry.page}`)
  }
})

test('the contents list gives each chapter the folio of the page where it opens', () => {
  const contentsPage = pdf.outline.find((entry) => entry.title === 'Contents')!.page
  const numbers = pdf.pages[contentsPage - 1]!.flatMap((line) => /\s(\d+)$/.exec(line.text)?.[1] ?? [])
  const chapters = pdf.outline.filter((entry) => entry.depth === 1 && entry.title !== 'Contents')
  assert.deepEqual(
    numbers,
    chapters.map((entry) => pdf.labels![entry.page - 1]),
  )
  // The labels are the folios printed on the pages: the page after an opener shows the next number.
  for (const entry of chapters) {
    const next = pdf.pages[entry.page]!.map((line) => line.text).slice(0, 1).join(' ')
    assert.match(next, new RegExp(`(^|\\s)${Number(pdf.labels![entry.page - 1]) + 1}(\\s|$)`), `page after ${entry.title}: ${next}`)
  }
})

test('running heads: the book title on versos, the chapter title on rectos', () => {
  const chapter = pdf.outline.find((entry) => entry.title.includes('Left Communists'))!
  const verso = pdf.pages[chapter.page]![0]!.text
  const recto = pdf.pages[chapter.page + 1]![0]!.text
  assert.match(verso, /Were any of the Bolshevik oppositions a real alternative\?/)
  assert.match(recto, /Were the ‘Left Communists’ of 1918 an alternative\?/)
})

test('justified text is hyphenated: dozens of lines end in a hyphen', () => {
  const hyphenated = pdf.pages.flat().filter((line) => /\p{Ll}-$/u.test(line.text))
  assert.ok(hyphenated.length >= 24, `${hyphenated.length} hyphenated line ends`)
})

test('the text layer has no soft hyphen, in poppler and in pdf.js', async () => {
  assert.equal(poppler('pdftotext', path.join(out, 'book.pdf'), '-').match(/\u00AD/g)?.length ?? 0, 0)
  assert.equal((await pdfjsPageTexts(path.join(out, 'book.pdf'))).join('').match(/\u00AD/g)?.length ?? 0, 0)
})

test('a search finds every occurrence of 20 words hyphenated at line ends (pdf.js, as its find bar searches)', async () => {
  const pages = await pdfjsPageTexts(path.join(out, 'book.pdf'))
  const html = readFileSync(path.join(out, 'book.html'), 'utf8')
  const headings = [...html.matchAll(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/g)].map((match) => match[1]!).join(' ')
  const webText = html.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ')
  // Words the layout hyphenated (not compounds broken at their own hyphen, such as anti-socialist).
  const broken = new Set(
    pages.flatMap((page) => [...page.matchAll(/(?<!\p{L})(\p{Ll}+)-\n(\p{Ll}+)/gu)].flatMap((match) => (webText.includes(`${match[1]}-${match[2]}`) ? [] : [`${match[1]}${match[2]}`]))),
  )
  const words = [...broken].filter((word) => !headings.includes(word)).sort().slice(0, 20)
  assert.equal(words.length, 20, [...broken].join(' '))
  const pdfText = pages.map(searchableText).join(' ')
  const count = (text: string, word: string) => text.match(new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, 'gu'))?.length ?? 0
  // A word broken over a page turn (at a verso's foot: the spread's two pages are read together, which a
  // recto's foot is not) is two pieces on two pages, which no PDF viewer's search joins.
  const overPageTurns = (word: string) =>
    pages
      .flatMap((page) => [...page.matchAll(/(?<!\p{L})(\p{Ll}+)-\n([^\n]*)/gu)])
      .filter((match) => word.startsWith(match[1]!) && match[1]!.length < word.length && !/^\p{Ll}/u.test(match[2]!)).length
  for (const word of words) {
    assert.ok(count(webText, word) > 0, word)
    const turns = overPageTurns(word)
    // A piece before a page turn may belong to another word of the same start (bureau- for bureaucratic): at most `turns` are lost.
    const found = count(pdfText, word)
    const written = count(webText, word)
    assert.ok(found <= written && found >= written - turns, `“${word}”: found ${found} times in the PDF, written ${written} times, ${turns} broken over a page turn`)
  }
})

test('the “Th” ligature extracts as “Th” in poppler and pdf.js, at the start of continued pages’ paragraphs too', async () => {
  const popplerText = poppler('pdftotext', path.join(out, 'book.pdf'), '-')
  const pdfjsText = (await pdfjsPageTexts(path.join(out, 'book.pdf'))).map(searchableText).join(' ')
  for (const text of [popplerText, pdfjsText]) {
    assert.doesNotMatch(text, /\bT(?:e|is|us|ese|ey)\s/u)
    for (const phrase of ['The only groups associated', '‘The resolution of the party', 'The theses made no reference', 'The manifesto recapitulated']) {
      assert.ok(text.replace(/\s+/g, ' ').includes(phrase), `“${phrase}” not found`)
    }
  }
})

test('each footnote stands at the foot of the page that calls it', () => {
  let notes = 0
  for (const [index, lines] of pdf.pages.entries()) {
    const bodySize = 10.5
    const noteNumbers = lines.flatMap((line) => (line.size < bodySize * 0.9 && /^\d+\.\s+\S/.test(line.text) ? [Number.parseInt(line.text, 10)] : []))
    const calls = lines.flatMap((line) => line.items.filter((item) => item.size < bodySize * 0.75 && /^\d+$/.test(item.str)).map((item) => Number(item.str)))
    for (const number of noteNumbers) assert.ok(calls.includes(number), `note ${number} on page ${index + 1} has no call there`)
    notes += noteNumbers.length
  }
  assert.ok(notes >= 81, `${notes} notes found`)
})

test('cross-references in the text carry the page they point to', () => {
  const text = pdf.pages.flat().map((line) => line.text).join(' ')
  const essence = pdf.outline.find((entry) => entry.title.includes('essence of Leninism'))!
  assert.match(text, new RegExp(`section 4, p\\. ${pdf.labels![essence.page - 1]}`))
})

test('EPUBCheck finds no errors and no warnings', () => {
  const report = execFileSync('java', ['-jar', '/usr/share/java/epubcheck.jar', path.join(out, 'book.epub')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  assert.match(report, /No errors or warnings detected/)
})

test('Ace by DAISY finds no accessibility violations and no missing metadata in the EPUB', async (t) => {
  if (!aceCli) return t.skip('@daisy/ace-cli is not installed')
  const ace = await runAce(path.join(out, 'book.epub'), path.join(out, 'ace'))
  assert.deepEqual(ace.violations, [])
  assert.deepEqual(ace.missingMetadata, [])
  assert.equal(ace.outcome, 'pass')
})

test('the EPUB: page-break markers stand before headings, not in them; the bibliography is in the contents', () => {
  const files = unzipSync(new Uint8Array(readFileSync(path.join(out, 'book.epub'))))
  const xhtml = Object.entries(files).filter(([name]) => name.endsWith('.xhtml')).map(([name, bytes]) => [name, new TextDecoder().decode(bytes)] as const)
  for (const [name, text] of xhtml) assert.doesNotMatch(text, /<h[1-6][^>]*>(?:(?!<\/h[1-6]>)[\s\S])*doc-pagebreak/, name)
  const nav = xhtml.find(([name]) => name.endsWith('nav.xhtml'))![1]
  const contents = /<nav[^>]*id="toc"[\s\S]*?<\/nav>/.exec(nav)![0]
  assert.match(contents, /href="bibliography\.xhtml#[^"]+">Bibliography</)
})

test('the EPUB page-list: page N begins with the words that begin page N of the PDF', () => {
  const files = unzipSync(new Uint8Array(readFileSync(path.join(out, 'book.epub'))))
  const documents = Object.entries(files)
    .filter(([name]) => name.endsWith('.xhtml'))
    .map(([, bytes]) => new TextDecoder().decode(bytes))
  let compared = 0
  for (let page = 1; page <= pdf.pages.length; page++) {
    const words = documents.map((xhtml) => wordsAfterPageBreak(xhtml, pageId(page), 3)).find(Boolean)
    const lines = bodyLines(page)
    if (!words || lines.length === 0) continue
    const printed = normalise(lines.map((line) => line.text).join(' ')).split(' ').slice(0, 3)
    const marked = normalise(words).split(' ')
    // A page that begins in the second half of a hyphenated word: the marker stands before the whole word.
    assert.ok(marked[0]!.endsWith(printed[0]!), `page ${page}: EPUB “${marked.join(' ')}”, PDF “${printed.join(' ')}”`)
    assert.deepEqual(marked.slice(1), printed.slice(1), `page ${page}`)
    compared++
  }
  assert.ok(compared >= 40, `${compared} pages compared`)
})

test('the booklet: the pages in their covers (front, blank inside, …, a blank inside if needed, back) two a side, text still text', () => {
  const info = poppler('pdfinfo', path.join(out, 'book-booklet.pdf'))
  const sides = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
  const wrapped = pdf.pages.length + 3 + (pdf.pages.length % 2 === 0 ? 1 : 0)
  assert.equal(sides, Math.ceil(wrapped / 4) * 2)
  assert.match(info, /Page size:\s+841\.\d+ x 59[45]\.\d+ pts/)
  assert.match(poppler('pdftotext', '-f', '15', '-l', '15', path.join(out, 'book-booklet.pdf'), '-'), /\w{4,}/)
})

test('two builds of the same manuscript are byte-identical', async () => {
  const run = await runCli(['build', 'manuscript', '--out', again], { timeoutMs: 300_000 })
  assert.equal(run.code, 0, run.stderr)
  for (const name of ['book.pdf', 'book.epub', 'book-booklet.pdf', 'book-cover.pdf', 'book.html']) {
    assert.ok(readFileSync(path.join(out, name)).equals(readFileSync(path.join(again, name))), `${name} differs between builds`)
  }
})

function normalise(text: string): string {
  return text
    .replace(/\u00AD/g, '')
    .replace(/[“”"‘’']/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}
