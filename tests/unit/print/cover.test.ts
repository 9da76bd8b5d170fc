import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { fromHtml } from 'hast-util-from-html'
import { selectAll } from 'hast-util-select'
import { toString as hastToString } from 'hast-util-to-string'
import { backCoverHast } from '../../../scripts/print/cover/back-cover-hast.ts'
import { coverDocument, isbnOf } from '../../../scripts/print/cover/cover-document.ts'
import { spineWidthMm } from '../../../scripts/print/cover/spine-width.ts'
import type { ResolvedBook } from '../../../scripts/config/resolve-book.ts'

describe('print cover', () => {
  test('spine width: pages over the PPI, or leaves times the caliper, 80 gsm by default', () => {
    assert.equal(spineWidthMm(200, { ppi: 400 }), 12.7)
    assert.ok(Math.abs(spineWidthMm(101, { caliper: '0.1mm' }) - 5.1) < 1e-9)
    assert.ok(Math.abs(spineWidthMm(100, { caliper: '0.004in' }) - 5.08) < 1e-9)
    assert.ok(Math.abs(spineWidthMm(48) - 2.4) < 1e-9)
  })

  test('back cover Markdown is sanitised: no script, no remote image, the emphasis kept', () => {
    const hast = backCoverHast('A *short* book.\n\n<script>alert(1)</script>\n\n![x](https://example.org/a.png)')
    const html = hast.map((node) => hastToString(node)).join('|')
    assert.match(html, /A short book\./)
    assert.doesNotMatch(JSON.stringify(hast), /script|example\.org/)
    assert.deepEqual(backCoverHast(undefined), [])
  })

  test('the cover document: front (title, people, publisher), back (the text), spine strip; pages the trim plus bleed', () => {
    const book = { title: 'Zine', subtitle: 'A subtitle', authors: ['A. Writer'], editors: [], publisher: 'Press', identifier: 'isbn:1', lang: 'en' } as unknown as ResolvedBook
    const html = coverDocument(book, { width: 74, height: 105, bleed: 3 }, { backText: backCoverHast('Blurb.') })
    assert.match(html, /@page \{ size: 80mm 111mm; margin: 0; \}/)
    const tree = fromHtml(html)
    assert.deepEqual(
      selectAll('section.cover-page', tree).map((section) => (section.properties['className'] as string[]).join(' ')),
      ['cover-page front-cover', 'cover-page back-cover', 'cover-page spine-strip'],
    )
    assert.equal(hastToString(selectAll('.front-cover .cover-title', tree)[0]!), 'Zine')
    assert.equal(hastToString(selectAll('.back-cover-text', tree)[0]!), 'Blurb.')
    const withImage = fromHtml(coverDocument(book, { width: 74, height: 105, bleed: 0 }, { frontImage: 'cover-image.png', backText: [] }))
    assert.equal(selectAll('.front-cover img.cover-image[src="cover-image.png"]', withImage).length, 1)
  })
  test('the back cover prints an ISBN, never a urn:uuid a reader cannot use', () => {
    assert.equal(isbnOf('urn:isbn:9780000000002'), '9780000000002')
    assert.equal(isbnOf('ISBN 978-0-00-000000-2'), '978-0-00-000000-2')
    assert.equal(isbnOf('0-306-40615-X'), '0-306-40615-X')
    assert.equal(isbnOf('urn:uuid:5ff5903e-1b44-4c26-a400-b050a863977'), undefined)
    assert.equal(isbnOf(undefined), undefined)
    const book = { title: 'Zine', authors: [], editors: [], identifier: 'urn:uuid:5ff5903e-1b44-4c26-a400-b050a8639770', lang: 'en' } as unknown as ResolvedBook
    assert.doesNotMatch(coverDocument(book, { width: 74, height: 105, bleed: 0 }, { backText: [] }), /urn:uuid/)
  })
})
