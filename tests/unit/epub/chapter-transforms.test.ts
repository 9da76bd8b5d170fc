import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Element, Root } from 'hast'
import { h } from 'hastscript'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import type { HastChapter } from '../../../scripts/lib/book-model.ts'
import { checkHeadingOrder } from '../../../scripts/epub/check-heading-order.ts'
import rehypeEpubFootnotes from '../../../scripts/epub/rehype-epub-footnotes.ts'
import rehypeEpubHtml5 from '../../../scripts/epub/rehype-epub-html5.ts'
import rehypeEpubLinks from '../../../scripts/epub/rehype-epub-links.ts'

const at = (line: number) => ({ start: { line, column: 1 }, end: { line, column: 10 } })

function find(tree: Root, test: (node: Element) => boolean): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node: Element) => {
    if (test(node)) found.push(node)
  })
  return found
}

test('links: into other documents, kept within one, dropped where they lead nowhere, made absolute when scheme-relative', () => {
  const tree: Root = {
    type: 'root',
    children: [
      h('p', [
        h('a', { href: '#there' }, 'there'),
        h('a', { href: '#here' }, 'here'),
        h('a', { href: '#gone' }, 'gone'),
        h('a', { href: 'notes.md' }, 'file'),
        h('a', { href: '//example.org/x' }, 'web'),
        h('a', { href: 'mailto:a@example.org' }, 'mail'),
      ]),
    ],
  }
  const documents: Record<string, string> = { there: 'chapter-b.xhtml', here: 'chapter-a.xhtml' }
  unified()
    .use(rehypeEpubLinks, { documentHref: 'chapter-a.xhtml', documentOf: (id) => documents[id], images: new Map() })
    .runSync(tree, new VFile())
  assert.deepEqual(
    find(tree, (node) => node.tagName === 'a').map((a) => a.properties['href'] ?? null),
    ['chapter-b.xhtml#there', '#here', null, null, 'https://example.org/x', 'mailto:a@example.org'],
  )
})

test('images: pointed at their copy; a format EPUB readers need not show is reported and replaced by its description', () => {
  const tree: Root = { type: 'root', children: [h('p', [h('img', { src: 'a.png', alt: 'A' }), { ...h('img', { src: 'b.webp', alt: 'B' }), position: at(3) }, h('img', { src: 'c.png' })])] }
  const file = new VFile({ path: 'chapter.md' })
  unified()
    .use(rehypeEpubLinks, { documentHref: 'x.xhtml', documentOf: () => undefined, images: new Map([['a.png', 'images/a.png'], ['c.png', 'images/c.png']]) })
    .runSync(tree, file)
  assert.deepEqual(find(tree, (node) => node.tagName === 'img').map((img) => [img.properties['src'], img.properties['alt']]), [
    ['images/a.png', 'A'],
    ['images/c.png', ''],
  ])
  assert.equal(file.messages[0]?.ruleId, 'epub-image-type')
  assert.equal(file.messages[0]?.line, 3)
})

test('footnotes: calls become noterefs, notes become asides opening with a numbered back link', () => {
  const tree: Root = {
    type: 'root',
    children: [
      h('p', ['Text', h('sup', [h('a', { href: '#c-fn-1', id: 'c-fnref-1', dataFootnoteRef: true, ariaDescribedBy: ['c-footnote-label'] }, '1')])]),
      h('section', { dataFootnotes: true, className: ['footnotes'] }, [
        h('h2#c-footnote-label.sr-only', 'Notes'),
        h('ol', [
          h('li#c-fn-1', [
            h('p', ['A note. ', h('a', { href: '#c-fnref-1', dataFootnoteBackref: true }, '↩'), ' ', h('a', { href: '#c-fnref-1-2', dataFootnoteBackref: true }, '↩2')]),
          ]),
        ]),
      ]),
    ],
  }
  unified().use(rehypeEpubFootnotes, { notesLabel: 'Notes' }).runSync(tree, new VFile())
  const [call] = find(tree, (node) => node.properties['dataFootnoteRef'] !== undefined)
  assert.deepEqual([call?.properties['epub:type'], call?.properties['role'], call?.properties['ariaDescribedBy']], ['noteref', 'doc-noteref', undefined])
  const [section] = find(tree, (node) => node.tagName === 'section')
  assert.deepEqual([section?.properties['epub:type'], section?.properties['ariaLabel']], ['footnotes', 'Notes'])
  assert.equal(find(tree, (node) => node.tagName === 'h2').length, 0)
  const [aside] = find(tree, (node) => node.tagName === 'aside')
  assert.deepEqual([aside?.properties['id'], aside?.properties['epub:type'], aside?.properties['role']], ['c-fn-1', 'footnote', 'doc-footnote'])
  const backLinks = find(tree, (node) => node.properties['role'] === 'doc-backlink').map((a) => a.properties['href'])
  assert.deepEqual(backLinks, ['#c-fnref-1', '#c-fnref-1-2'])
})

test('HTML5 for EPUBCheck: align becomes a class, ids lose their whitespace', () => {
  const tree: Root = { type: 'root', children: [h('table', [h('tr', [h('td', { align: 'right' }, '1'), h('td', { id: 'a b' }, 'x')])])] }
  unified().use(rehypeEpubHtml5).runSync(tree, new VFile())
  const cells = find(tree, (node) => node.tagName === 'td')
  assert.deepEqual(cells.map((cell) => [cell.properties['align'], cell.properties['className'], cell.properties['id']]), [
    [undefined, ['align-right'], undefined],
    [undefined, undefined, 'a-b'],
  ])
})

test('headings that skip a level are reported at the heading', () => {
  const file = new VFile({ path: 'a.md' })
  const hast: Root = { type: 'root', children: [h('h1', 'A'), h('h2', 'B'), { ...h('h4', 'D'), position: at(9) }, h('h2', 'E')] }
  const chapter = { id: 'a', index: 0, file, hast, title: 'A', titleContent: [], headingId: 'a' } satisfies HastChapter
  assert.equal(checkHeadingOrder([chapter]), 1)
  assert.equal(file.messages[0]?.ruleId, 'heading-order')
  assert.equal(file.messages[0]?.line, 9)
})
