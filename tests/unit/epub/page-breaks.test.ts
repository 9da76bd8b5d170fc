import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import type { Element, ElementContent, Root } from 'hast'
import { h } from 'hastscript'
import { toHtml } from 'hast-util-to-html'
import { toString as hastToString } from 'hast-util-to-string'
import { unified } from 'unified'
import { VFile } from 'vfile'
import type { PageStart } from '../../../scripts/lib/book-model.ts'
import rehypeEpubPageBreaks, { blockSegments, insertPageBreak, pageBreakMarker, placePageMarks } from '../../../scripts/epub/page-breaks.ts'
import { wordsAfterPageBreak } from '../../../scripts/epub/words-after-page-break.ts'
import { xhtmlDocument } from '../../../scripts/epub/xhtml-document.ts'

const marker = (page: number) => pageBreakMarker({ page, folio: String(page) })

/** The block's children with markers shown as `|N|`, to compare shapes at a glance. */
function render(node: ElementContent | Root): string {
  if (node.type === 'text') return node.value
  if (node.type !== 'element' && node.type !== 'root') return ''
  if (node.type === 'element' && node.properties['role'] === 'doc-pagebreak') return `|${node.properties['ariaLabel']}|`
  const inner = node.children.map((child) => render(child as ElementContent)).join('')
  return node.type === 'element' && node.tagName !== 'p' ? `<${node.tagName}>${inner}</${node.tagName}>` : inner
}

test('a marker at offset 0 opens the block, before a section number', () => {
  const block = h('h1', { dataSid: '1' }, [h('span.secno', '1'), ' Title'])
  insertPageBreak(block, 0, marker(7))
  assert.equal(render(block), '<h1>|7|<span>1</span> Title</h1>')
})

test('an offset inside a word moves to the start of the word', () => {
  const block = h('p', 'The quick brown fox')
  insertPageBreak(block, 12, marker(2)) // inside "brown"
  assert.equal(render(block), 'The quick |2|brown fox')
})

test('an offset at a word start splits the text there', () => {
  const block = h('p', 'The quick brown fox')
  insertPageBreak(block, 10, marker(2))
  assert.equal(render(block), 'The quick |2|brown fox')
})

test('a word that starts an inline element gets the marker before the element, not inside it', () => {
  const block = h('p', ['see ', h('a', { href: '#x' }, [h('em', 'there')]), ' now'])
  insertPageBreak(block, 6, marker(3)) // inside "there"
  assert.equal(render(block), 'see |3|<a><em>there</em></a> now')
})

test('a word split across elements moves to its start in the first one', () => {
  const block = h('p', ['un', h('em', 'believ'), 'able story'])
  insertPageBreak(block, 9, marker(4)) // inside "able"
  assert.equal(render(block), '|4|un<em>believ</em>able story')
})

test('soft hyphens are not counted', () => {
  const block = h('p', 'ex\u00ADam\u00ADple text')
  insertPageBreak(block, 8, marker(5)) // "example " is 8 counted characters
  assert.equal(render(block), 'ex\u00ADam\u00ADple |5|text')
})

test('footnote calls are not counted', () => {
  const block = h('p', ['note,', h('sup', [h('a', { href: '#fn-1', dataFootnoteRef: true }, '12')]), ' next words'])
  insertPageBreak(block, 6, marker(6)) // "note, " is 6 counted characters
  assert.equal(render(block), 'note,<sup><a>12</a></sup> |6|next words')
})

test('a line break separates words', () => {
  const block = h('p', ['first line', h('br'), 'secondline'])
  insertPageBreak(block, 13, marker(2)) // inside "secondline", which "line" before the break does not join
  assert.equal(render(block), 'first line<br></br>|2|secondline')
})

test('nested blocks count as the print layout counts them, into their text', () => {
  const block = h('li', { dataSid: '4' }, ['outer ', h('ul', [h('li', { dataSid: '5' }, 'inner words')])])
  insertPageBreak(block, 12, marker(9)) // "outer inner " is 12
  assert.equal(render(block), '<li>outer <ul><li>inner |9|words</li></ul></li>')
})

test('two markers at one place keep page order', () => {
  const block = h('p', 'Chapter text')
  insertPageBreak(block, 0, marker(11))
  insertPageBreak(block, 0, marker(12))
  const end = h('p', 'last words')
  insertPageBreak(end, 99, marker(13))
  insertPageBreak(end, 99, marker(14))
  assert.equal(render(block), '|11||12|Chapter text')
  assert.equal(render(end), 'last words|13||14|')
})

test('inserting never changes the text and never splits a word', () => {
  const word = fc.stringMatching(/^[a-zé\u00AD]{1,8}$/)
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.nat(120), (words, offset) => {
      const block = h('p', [words.slice(0, 3).join(' '), ' ', h('em', words.slice(3).join(' '))])
      const before = hastToString(block)
      insertPageBreak(block, offset, marker(1))
      assert.equal(hastToString(block), before)
      const [left, right] = render(block).replace(/<\/?em>/g, '').split('|1|') as [string, string]
      const last = left.replace(/\u00AD/g, '').at(-1)
      const next = right.replace(/\u00AD/g, '')[0]
      assert.ok(last === undefined || next === undefined || /\s/.test(last) || /\s/.test(next), `split a word: ${render(block)}`)
    }),
  )
})

test('the plugin reports an offset past the block at the block, and marks its end', () => {
  const tree: Root = { type: 'root', children: [{ ...h('p', { dataSid: '3' }, 'short'), position: { start: { line: 4, column: 1 }, end: { line: 4, column: 6 } } }] }
  const file = new VFile({ path: 'chapter.md' })
  const placed: number[] = []
  unified()
    .use(rehypeEpubPageBreaks, { marks: [{ page: 9, folio: '7', sid: '3', offset: 40 }], onPlaced: (mark) => placed.push(mark.page) })
    .runSync(tree, file)
  assert.equal(render(tree), 'short|7|')
  assert.deepEqual(placed, [9])
  assert.equal(file.messages[0]?.ruleId, 'page-break-offset')
  assert.equal(file.messages[0]?.line, 4)
})

test('pages without text are left out of the page-list: front matter, blanks in the body, trailing blanks', () => {
  const starts: PageStart[] = [
    { page: 1, folio: 'i', sid: null, offset: 0 },
    { page: 2, folio: 'ii', sid: null, offset: 0 },
    { page: 4, folio: '2', sid: null, offset: 0 },
    { page: 3, folio: '1', sid: '1', offset: 0 },
    { page: 5, folio: '3', sid: '9', offset: 0 },
    { page: 6, folio: '4', sid: '9', offset: 310 },
    { page: 7, folio: '5', sid: null, offset: 0 },
  ]
  assert.deepEqual(placePageMarks(starts), [
    { page: 3, folio: '1', sid: '1', offset: 0 },
    { page: 5, folio: '3', sid: '9', offset: 0 },
    { page: 6, folio: '4', sid: '9', offset: 310 },
  ])
})

test('a page that begins at a heading is marked before the heading, as its sibling', () => {
  const tree: Root = { type: 'root', children: [h('section', [h('h1', { dataSid: '1' }, 'Title'), h('p', { dataSid: '2' }, 'Text')]) as Element] }
  unified()
    .use(rehypeEpubPageBreaks, { marks: [{ page: 9, folio: '9', sid: '1', offset: 0 }] })
    .runSync(tree)
  const section = tree.children[0] as Element
  assert.deepEqual(
    section.children.map((child) => (child as Element).tagName + (child.type === 'element' && child.properties['role'] ? `[${String(child.properties['role'])}]` : '')),
    ['span[doc-pagebreak]', 'h1', 'p'],
  )
  assert.equal(toHtml(section.children[1]!), '<h1 data-sid="1">Title</h1>')
})

test('segments skip footnote calls and map counted characters back past soft hyphens', () => {
  const block = h('p', ['a\u00ADb ', h('sup', [h('a', { dataFootnoteRef: true }, '1')]), 'c'])
  const segments = blockSegments(block as Element)
  assert.deepEqual(segments.map((segment) => segment.counted), ['ab ', 'c'])
  assert.deepEqual(segments[0]?.indices, [0, 2, 3])
})

test('wordsAfterPageBreak reads the words after a marker in the serialised XHTML, skipping note calls and notes', () => {
  const block = h('p', ['One two ', h('sup', [h('a', { 'epub:type': 'noteref', href: '#n' }, '1')]), 'three fo\u00ADur five six'])
  insertPageBreak(block, 4, marker(8))
  const xhtml = xhtmlDocument({ lang: 'en', title: 't', stylesheets: [], body: [block, h('aside', { 'epub:type': 'footnote' }, 'a note')] })
  assert.equal(wordsAfterPageBreak(xhtml, 'page-8', 4), 'two three four five')
  assert.equal(wordsAfterPageBreak(xhtml, 'page-99'), undefined)
})
