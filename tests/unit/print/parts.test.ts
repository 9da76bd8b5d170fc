import assert from 'node:assert/strict'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toHtml } from 'hast-util-to-html'
import { PDFDocument } from 'pdf-lib'
import type { PageMap } from '../../../scripts/print/layout/read-page-map.ts'
import { useParallelLayout } from '../../../scripts/print/book-tree-to-pdf.ts'
import { groupByLength, bookTreeToPrintHtml, bookTreeToPrintHtmlParts } from '../../../scripts/print/book-tree-to-print-html.ts'
import { manuscriptToBookTree } from '../../../scripts/read/manuscript-to-book-tree.ts'
import { joinPieces } from '../../../scripts/print/parts/join-pieces.ts'
import { PieceCache } from '../../../scripts/print/parts/piece-cache.ts'

async function pdfOf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  for (let index = 0; index < pages; index++) doc.addPage([420, 595])
  return doc.save()
}

function mapOf(pages: number, first: number, style: string, sid: number): PageMap {
  return {
    pageStarts: Array.from({ length: pages }, (_, index) => ({ page: index + 1, folio: String(first + index), sid: String(sid + index), offset: 0 })),
    folios: Array.from({ length: pages }, (_, index) => ({ value: first + index, style })),
    headings: { [`h${sid}`]: { page: 1, top: 100 } },
  }
}

test('joinPieces: a part ending on a recto gets a blank verso; pages and headings count in the whole book', async () => {
  const joined = await joinPieces([
    { raw: await pdfOf(3), map: mapOf(3, 1, 'lower-roman', 1) },
    { raw: await pdfOf(3), map: mapOf(3, 1, 'decimal', 10) },
    { raw: await pdfOf(2), map: mapOf(2, 5, 'decimal', 20) },
  ])
  // 3 + blank + 3 + blank + 2: every part after the first opens on an odd (recto) page.
  assert.equal(joined.pageCount, 10)
  assert.deepEqual(
    joined.map.pageStarts.map((start) => [start.page, start.folio, start.sid]),
    [
      [1, '1', '1'], [2, '2', '2'], [3, '3', '3'], [4, 'iv', null],
      [5, '1', '10'], [6, '2', '11'], [7, '3', '12'], [8, '4', null],
      [9, '5', '20'], [10, '6', '21'],
    ],
  )
  assert.deepEqual(joined.map.folios[3], { value: 4, style: 'lower-roman' })
  assert.deepEqual(joined.map.headings['h10'], { page: 5, top: 100 })
  assert.deepEqual(joined.map.headings['h20'], { page: 9, top: 100 })
  assert.equal((await PDFDocument.load(await joined.doc.save())).getPageCount(), 10)
})

test('PieceCache: layouts keyed by the part and the shared files; prints by the folios the part links to', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'samizdat-piece-cache-'))
  try {
    const build = path.join(dir, 'build')
    await mkdir(build)
    await writeFile(path.join(build, 'print.css'), 'p { margin: 0 }')
    await writeFile(path.join(build, 'part-1.html'), '<p>one</p>')
    const env = { SAMIZDAT_CACHE: path.join(dir, 'cache') }
    const cache = await PieceCache.open(build, 'chromium', env)
    assert.ok(cache)
    assert.equal(await PieceCache.open(build, 'chromium', { SAMIZDAT_CACHE: 'off' }), undefined)
    // Part documents are not shared files: editing one leaves the others' keys alone.
    await writeFile(path.join(build, 'part-1.html'), '<p>changed</p>')
    assert.equal((await PieceCache.open(build, 'chromium', env))?.layoutKey('x'), cache.layoutKey('x'))
    await writeFile(path.join(build, 'print.css'), 'p { margin: 1em }')
    assert.notEqual((await PieceCache.open(build, 'chromium', env))?.layoutKey('x'), cache.layoutKey('x'))

    const html = '<a class="xref" href="#a">see</a>'
    const key = cache.layoutKey(html)
    const numbers = new Map([['a', '3'], ['b', '9']])
    const printKey = cache.printKey(key, html, 5, numbers, [])
    assert.equal(cache.printKey(key, html, 5, new Map([['a', '3'], ['b', '10']]), []), printKey)
    assert.notEqual(cache.printKey(key, html, 5, new Map([['a', '4']]), []), printKey)
    assert.notEqual(cache.printKey(key, html, 7, numbers, []), printKey)

    assert.equal(await cache.readLayout(key), undefined)
    await cache.writeLayout(key, { pageCount: 4, places: { a: 2 } })
    assert.deepEqual(await cache.readLayout(key), { pageCount: 4, places: { a: 2 } })
    const map = mapOf(1, 5, 'decimal', 1)
    await cache.writePrint(printKey, { raw: new Uint8Array([1, 2, 3]), map, log: { blockedRequests: [], refused: [], messages: ['m'] }, foreign: ['b'] })
    const hit = await cache.readPrint(printKey)
    assert.deepEqual([...(hit?.raw ?? [])], [1, 2, 3])
    assert.deepEqual(hit?.map, map)
    assert.deepEqual(hit?.log.messages, ['m'])
    assert.deepEqual(hit?.foreign, ['b'])
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('bookTreeToPrintHtmlParts: the one-piece document cut at its rectos, the same sections in the same order', async () => {
  const fixture = fileURLToPath(new URL('../../fixtures/print/book/', import.meta.url))
  const { tree } = await manuscriptToBookTree(fixture)
  const options = { stylesheets: ['print.css'] }
  const whole = fromHtml(bookTreeToPrintHtml(tree, options))
  const sections = (doc: Root) => selectAll('body > section, body > nav, main > section', doc).map((node) => toHtml(node))
  // One section per part at the smallest size; at the default size this short book's body is one part.
  const parts = bookTreeToPrintHtmlParts(tree, options, 1).map((html) => fromHtml(html))
  assert.equal(parts.length, 1 + tree.chapters.length + (tree.bibliography ? 1 : 0))
  assert.deepEqual(parts.flatMap(sections), sections(whole))
  const grouped = bookTreeToPrintHtmlParts(tree, options).map((html) => fromHtml(html))
  assert.equal(grouped.length, 2)
  assert.deepEqual(grouped.flatMap(sections), sections(whole))
  // Every body part keeps the running head's source and the book's stylesheets.
  for (const part of parts.slice(1)) {
    assert.equal(select('main', part)?.properties['dataBookTitle'], tree.book.title)
    assert.equal(select('link[rel=stylesheet]', part)?.properties['href'], 'print.css')
  }
})

test('long books are laid out in parts, short ones in one piece, unless SAMIZDAT_PDF_PARALLEL says otherwise', () => {
  assert.equal(useParallelLayout([30, 30, 30], 100, {}), false)
  assert.equal(useParallelLayout([500], 100, {}), false, 'one chapter cannot be cut')
  assert.equal(useParallelLayout([80, 80, 80], 100, {}), true)
  assert.equal(useParallelLayout([30, 30], 100, { SAMIZDAT_PDF_PARALLEL: '1' }), true)
  assert.equal(useParallelLayout([900, 900], 100, { SAMIZDAT_PDF_PARALLEL: '0' }), false)
})

test('groupByLength: consecutive groups near the target, as even as the items allow', () => {
  assert.deepEqual(groupByLength([], 10), [])
  assert.deepEqual(groupByLength([5], 10), [[0]])
  assert.deepEqual(groupByLength([5, 5, 5], 100), [[0, 1, 2]])
  assert.deepEqual(groupByLength([1, 1, 1], 1), [[0], [1], [2]])
  assert.deepEqual(groupByLength([10, 10, 10, 10], 20), [[0, 1], [2, 3]])
  // 50 items of 2: 5 groups of 10 items, not 4 full ones and a stub.
  assert.deepEqual(groupByLength(Array(50).fill(2), 21).map((group) => group.length), [10, 10, 10, 10, 10])
  // A huge item stands alone; every group keeps at least one item.
  assert.deepEqual(groupByLength([1, 100, 1, 1], 25), [[0], [1], [2], [3]])
  for (const lengths of [[3, 1, 4, 1, 5, 9, 2, 6], Array(37).fill(7), [50, 1, 1, 50, 1]]) {
    for (const target of [1, 5, 10, 30, 1000]) {
      const groups = groupByLength(lengths, target)
      assert.deepEqual(groups.flat(), lengths.map((_, index) => index), 'every item once, in order')
      assert.ok(groups.every((group) => group.length > 0))
    }
  }
})
