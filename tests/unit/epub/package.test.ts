import assert from 'node:assert/strict'
import { test } from 'node:test'
import { strFromU8, unzipSync } from 'fflate'
import { selectAll } from 'hast-util-select'
import { fromHtml } from 'hast-util-from-html'
import { accessibilityMetadata, conformanceGaps } from '../../../scripts/epub/accessibility-metadata.ts'
import { bookIdentifier, uuidV5 } from '../../../scripts/epub/book-identifier.ts'
import { epubDate, modifiedDate } from '../../../scripts/epub/epub-date.ts'
import { epubZip } from '../../../scripts/epub/epub-zip.ts'
import { containerXml, type PackageOptions, packageDocument } from '../../../scripts/epub/package-document.ts'
import { xhtmlDocument } from '../../../scripts/epub/xhtml-document.ts'
import { h } from 'hastscript'

const entries = [
  { path: 'META-INF/container.xml', data: containerXml() },
  { path: 'EPUB/package.opf', data: '<package/>' },
  { path: 'EPUB/b.xhtml', data: 'b'.repeat(500) },
  { path: 'EPUB/a.xhtml', data: new Uint8Array([1, 2, 3]) },
]
const modified = new Date('2024-03-15T10:20:30Z')

/** The fields of a zip local file header at `offset` (APPNOTE 4.3.7). */
function localHeader(zip: Uint8Array, offset: number) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const nameLength = view.getUint16(offset + 26, true)
  return {
    signature: view.getUint32(offset, true),
    method: view.getUint16(offset + 8, true),
    time: view.getUint16(offset + 10, true),
    date: view.getUint16(offset + 12, true),
    compressedSize: view.getUint32(offset + 18, true),
    extraLength: view.getUint16(offset + 28, true),
    name: strFromU8(zip.subarray(offset + 30, offset + 30 + nameLength)),
    dataStart: offset + 30 + nameLength,
  }
}

test('the zip starts with mimetype: stored, no extra field, exactly application/epub+zip', () => {
  const zip = epubZip(entries, modified)
  const first = localHeader(zip, 0)
  assert.equal(first.signature, 0x04034b50)
  assert.equal(first.name, 'mimetype')
  assert.equal(first.method, 0)
  assert.equal(first.extraLength, 0)
  assert.equal(strFromU8(zip.subarray(first.dataStart, first.dataStart + first.compressedSize)), 'application/epub+zip')
  // The OCF's "magic": the media type at byte 38, readable without unzipping.
  assert.equal(strFromU8(zip.subarray(30, 38)), 'mimetype')
})

test('entries follow in the order given, deflated, none with an extra field', () => {
  const zip = epubZip(entries, modified)
  let offset = 0
  const names: string[] = []
  for (let index = 0; index <= entries.length; index++) {
    const header = localHeader(zip, offset)
    names.push(header.name)
    assert.equal(header.extraLength, 0, header.name)
    if (header.name !== 'mimetype') assert.equal(header.method, 8, header.name)
    offset = header.dataStart + header.compressedSize
  }
  assert.deepEqual(names, ['mimetype', ...entries.map((entry) => entry.path)])
  assert.deepEqual(Object.keys(unzipSync(zip)), names)
})

test('every entry carries the build date as a DOS time, whatever the time zone', () => {
  const saved = process.env['TZ']
  try {
    const zips = ['UTC', 'America/Sao_Paulo', 'Asia/Kolkata'].map((zone) => {
      process.env['TZ'] = zone
      return epubZip(entries, modified)
    })
    assert.deepEqual(zips[1], zips[0])
    assert.deepEqual(zips[2], zips[0])
    const header = localHeader(zips[0]!, 0)
    assert.equal(header.date, ((2024 - 1980) << 9) | (3 << 5) | 15)
    assert.equal(header.time, (10 << 11) | (20 << 5) | (30 >> 1))
  } finally {
    if (saved === undefined) delete process.env['TZ']
    else process.env['TZ'] = saved
  }
})

test('the same entries give the same bytes; a dropped duplicate mimetype stays first', () => {
  assert.deepEqual(epubZip(entries, modified), epubZip(entries, modified))
  const zip = epubZip([{ path: 'mimetype', data: 'text/plain' }, ...entries], modified)
  assert.deepEqual(Object.keys(unzipSync(zip))[0], 'mimetype')
  assert.equal(strFromU8(unzipSync(zip)['mimetype']!), 'application/epub+zip')
  assert.throws(() => epubZip([...entries, entries[0]!], modified), /share the path/)
})

const book: PackageOptions['book'] = {
  title: 'Notes & Queries',
  subtitle: 'A test',
  authors: ['Ada Example', 'Ben Sample'],
  editors: ['Cy Editor'],
  lang: 'en-GB',
  date: '2024-03-15',
  publisher: 'Test Press',
  rights: 'Copyleft',
  description: 'About <things>',
  keywords: ['one', 'two'],
  source: { url: 'https://example.org/original' },
  licence: { name: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
}

const facts = { images: 0, imagesWithoutAlt: 0, headingProblems: 0, untitledChapters: [], pageMarks: 0, lang: 'en-GB', otherLanguages: [] }

function opf(options: Partial<PackageOptions> = {}) {
  const xml = packageDocument({
    book,
    identifier: 'urn:uuid:0d5e3c5c-5a4e-5d55-9b1a-000000000000',
    modified: '2024-03-15T00:00:00Z',
    manifest: [
      { id: 'nav', href: 'nav.xhtml', mediaType: 'application/xhtml+xml', properties: ['nav'] },
      { id: 'chapter-a', href: 'chapter-a.xhtml', mediaType: 'application/xhtml+xml', properties: [] },
      { id: 'cover-image', href: 'cover.png', mediaType: 'image/png', properties: ['cover-image'] },
    ],
    spine: [{ idref: 'nav' }, { idref: 'chapter-a' }],
    meta: accessibilityMetadata({ ...facts, images: 1, pageMarks: 3, pageBreakSource: 'x (print)' }),
    pageSource: 'x (print)',
    coverImageId: 'cover-image',
    ...options,
  })
  // Parsed as HTML only to query it: element and attribute names come out lower-case.
  return { xml, tree: fromHtml(xml, { fragment: true }) }
}

/** Values of `<meta>` elements with the attribute given (HTML parsing would make `meta` void, so read the XML). */
const metas = (xml: string, attribute: string) => [...xml.matchAll(new RegExp(`<meta ${attribute.replace(/[#.]/g, '\\$&')}[^>]*>([^<]*)</meta>`, 'g'))].map((match) => match[1])

const texts = (tree: ReturnType<typeof opf>['tree'], selector: string) => selectAll(selector, tree).map((node) => (node.children[0]?.type === 'text' ? node.children[0].value : ''))

test('the package document: identifier, title, creators, language, dates and rights', () => {
  const { xml, tree } = opf()
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<package xmlns="http:\/\/www.idpf.org\/2007\/opf" version="3.0" unique-identifier="book-id"/)
  assert.match(xml, /<dc:identifier id="book-id">urn:uuid:/)
  assert.deepEqual(texts(tree, 'dc\\:title'), ['Notes & Queries', 'A test'])
  assert.deepEqual(texts(tree, 'dc\\:creator'), ['Ada Example', 'Ben Sample'])
  assert.deepEqual(texts(tree, 'dc\\:contributor'), ['Cy Editor'])
  assert.deepEqual(texts(tree, 'dc\\:language'), ['en-GB'])
  assert.deepEqual(texts(tree, 'dc\\:date'), ['2024-03-15'])
  assert.deepEqual(metas(xml, 'property="dcterms:modified"'), ['2024-03-15T00:00:00Z'])
  assert.deepEqual(texts(tree, 'dc\\:publisher'), ['Test Press'])
  assert.deepEqual(texts(tree, 'dc\\:rights'), ['Copyleft'])
  assert.deepEqual(texts(tree, 'dc\\:description'), ['About <things>'])
  assert.match(xml, /About &#x3C;things>|About &lt;things&gt;/)
  assert.match(xml, /Notes &#x26; Queries|Notes &amp; Queries/)
  assert.deepEqual(metas(xml, 'refines="#creator-1"'), ['aut'])
  assert.deepEqual(metas(xml, 'refines="#editor-1"'), ['edt'])
  assert.deepEqual(metas(xml, 'refines="#page-source"'), ['pagination'])
  assert.deepEqual(texts(tree, 'dc\\:source'), ['https://example.org/original', 'x (print)'])
  assert.match(xml, /<meta name="cover" content="cover-image" \/>/)
})

test('the manifest and spine list the documents, with their properties', () => {
  const { tree } = opf()
  const items = selectAll('item', tree).map((item) => [item.properties['id'], item.properties['href'], item.properties['mediaType'] ?? item.properties['media-type'], item.properties['properties'] ?? null])
  assert.deepEqual(items, [
    ['nav', 'nav.xhtml', 'application/xhtml+xml', 'nav'],
    ['chapter-a', 'chapter-a.xhtml', 'application/xhtml+xml', null],
    ['cover-image', 'cover.png', 'image/png', 'cover-image'],
  ])
  assert.deepEqual(selectAll('itemref', tree).map((item) => item.properties['idref']), ['nav', 'chapter-a'])
})

test('accessibility claims follow the facts', () => {
  const full = accessibilityMetadata({ ...facts, images: 2, pageMarks: 10 })
  const has = (metas: typeof full, property: string, value?: string) => metas.some(([p, v]) => p === property && (value === undefined || v === value))
  assert.ok(has(full, 'schema:accessMode', 'visual'))
  assert.ok(has(full, 'schema:accessModeSufficient', 'textual'))
  assert.ok(has(full, 'schema:accessibilityFeature', 'alternativeText'))
  assert.ok(has(full, 'schema:accessibilityFeature', 'pageNavigation'))
  assert.ok(has(full, 'schema:accessibilityFeature', 'pageBreakMarkers'))
  assert.ok(has(full, 'schema:accessibilityFeature', 'structuralNavigation'))
  assert.ok(has(full, 'dcterms:conformsTo', 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA'))
  assert.ok(has(full, 'schema:accessibilityHazard', 'none'))
  assert.match(full.find(([p]) => p === 'schema:accessibilitySummary')![1], /front matter and blank pages are not in the page list/)
  assert.equal(full.find(([p]) => p === 'schema:accessibilitySummary')![2], undefined)
  assert.deepEqual(conformanceGaps({ ...facts, images: 2, pageMarks: 10 }), [])

  const textOnly = accessibilityMetadata({ ...facts })
  assert.ok(!has(textOnly, 'schema:accessMode', 'visual'))
  assert.ok(!has(textOnly, 'schema:accessibilityFeature', 'pageNavigation'))
  assert.ok(!has(textOnly, 'schema:accessibilityFeature', 'pageBreakMarkers'))
  assert.ok(!has(textOnly, 'schema:accessibilityFeature', 'alternativeText'))
  assert.match(textOnly.find(([p]) => p === 'schema:accessibilitySummary')![1], /no page list/)

  // An image without alt text and an untitled chapter: text alone is not sufficient, and no conformance is claimed.
  const flawedFacts = { ...facts, images: 3, imagesWithoutAlt: 1, untitledChapters: ['02-notes.md'] }
  const flawed = accessibilityMetadata(flawedFacts)
  assert.ok(!has(flawed, 'dcterms:conformsTo'))
  assert.ok(!has(flawed, 'a11y:certifiedBy'))
  assert.ok(!has(flawed, 'schema:accessibilityFeature', 'alternativeText'))
  assert.ok(!has(flawed, 'schema:accessibilityFeature', 'structuralNavigation'))
  assert.ok(!has(flawed, 'schema:accessModeSufficient', 'textual'))
  assert.ok(has(flawed, 'schema:accessModeSufficient', 'textual,visual'))
  const gaps = conformanceGaps(flawedFacts)
  assert.equal(gaps.length, 2)
  assert.match(gaps[0]!, /1 of 3 images have no text alternative/)
  assert.match(gaps[1]!, /`02-notes.md` has no title heading/)

  // A French book: the English summary says it is English; other languages are named.
  const french = accessibilityMetadata({ ...facts, lang: 'fr', otherLanguages: ['de'] })
  const summary = french.find(([p]) => p === 'schema:accessibilitySummary')!
  assert.equal(summary[2], 'en')
  assert.match(summary[1], /Passages in de are marked/)
  assert.match(opf({ meta: french, otherLanguages: ['de'] }).xml, /<meta property="schema:accessibilitySummary" xml:lang="en">/)
  assert.deepEqual(texts(opf({ otherLanguages: ['de'] }).tree, 'dc\\:language'), ['en-GB', 'de'])
})

test('the identifier comes from book.yaml, or is a version 5 UUID of title, authors and language', () => {
  assert.equal(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2')
  assert.equal(bookIdentifier({ ...book, identifier: 'isbn:978-0-00-000000-0' }), 'isbn:978-0-00-000000-0')
  const derived = bookIdentifier({ ...book, identifier: undefined })
  assert.match(derived, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  assert.equal(bookIdentifier({ ...book, identifier: undefined }), derived)
  assert.notEqual(bookIdentifier({ ...book, identifier: undefined, title: 'Another' }), derived)
  assert.notEqual(bookIdentifier({ ...book, identifier: undefined, lang: 'de' }), derived)
})

test('the modified date comes from SOURCE_DATE_EPOCH or the book, never the clock', async () => {
  const sources = { date: '2021-06', chapters: [], bibliography: [], configFile: undefined }
  assert.equal(await epubDate(sources, { SOURCE_DATE_EPOCH: '1700000000' }), '2023-11-14T22:13:20.000Z')
  assert.equal(await epubDate(sources, {}), '2021-06-01T00:00:00Z')
  assert.equal(modifiedDate('2024'), '2024-01-01T00:00:00Z')
  assert.equal(modifiedDate('2024-03-15T10:20:30.123Z'), '2024-03-15T10:20:30Z')
  assert.throws(() => modifiedDate('soon'), /Not a date/)
})

test('XHTML documents are well-formed XML: XHTML namespace, epub namespace, both lang attributes, closed voids and booleans with values', () => {
  const xhtml = xhtmlDocument({ lang: 'de', title: 'T & t', stylesheets: ['styles/epub.css'], body: [h('p', ['a < b', h('br'), h('input', { type: 'checkbox', disabled: true })])] })
  assert.match(xhtml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<!DOCTYPE html><html xmlns="http:\/\/www.w3.org\/1999\/xhtml" xmlns:epub="http:\/\/www.idpf.org\/2007\/ops" lang="de" xml:lang="de">/)
  assert.match(xhtml, /<br \/>/)
  assert.match(xhtml, /<input type="checkbox" disabled="" \/>/)
  assert.match(xhtml, /<link rel="stylesheet" type="text\/css" href="styles\/epub.css" \/>/)
  assert.doesNotMatch(xhtml, /a < b|T & t/)
})
