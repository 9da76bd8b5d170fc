import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { before, describe, it } from 'node:test'
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toString as hastToString } from 'hast-util-to-string'
import { chapterDocuments } from '../../../scripts/epub/chapter-documents.ts'
import type { BookTree } from '../../../scripts/lib/book-model.ts'
import { bookTreeToPrintHtml } from '../../../scripts/print/book-tree-to-print-html.ts'
import { softHyphen } from '../../../scripts/print/rehype-hyphenate.ts'
import { manuscriptToBookTree } from '../../../scripts/read/manuscript-to-book-tree.ts'
import { bookTreeToWebHtml } from '../../../scripts/web/book-tree-to-web-html.ts'

// Pandoc's constructs in each output's own shape: print HTML, EPUB XHTML, web HTML.
const fixture = fileURLToPath(new URL('../../fixtures/read/pandoc-book/', import.meta.url))

describe('pandoc constructs in every output', () => {
  let tree: BookTree
  let print: Root
  let web: Root
  let xhtml: string[]
  before(async () => {
    ;({ tree } = await manuscriptToBookTree(fixture))
    print = fromHtml(bookTreeToPrintHtml(tree, { stylesheets: ['print.css'] }))
    web = fromHtml(bookTreeToWebHtml(tree, { stylesheets: ['screen.css'] }))
    const documents = await chapterDocuments(tree, { marks: [], documentOf: () => undefined, images: new Map(), stylesheets: ['epub.css'] })
    xhtml = documents.map((document) => document.xhtml)
  })

  it('print: cross-references get their page (xref), verse and other languages stay unhyphenated or hyphenated by their own patterns', () => {
    const reference = select('a.crossref[href="#fig:gull"]', print)
    assert.deepEqual(reference?.properties['className'], ['crossref', 'xref'])
    assert.equal(hastToString(reference!).replaceAll(softHyphen, ''), 'Figure\u00A01')
    assert.doesNotMatch(hastToString(select('.line-block', print)!), new RegExp(softHyphen))
    assert.match(hastToString(select('span[lang=fr]', print)!), /in\u00ADévi/)
    assert.ok(select('div.pagebreak', print), '\\newpage is a page break')
  })

  it('print and web: figure and table captions numbered, the equation numbered, math as MathML', () => {
    for (const doc of [print, web]) {
      assert.equal(hastToString(select('figure#fig\\:gull figcaption', doc)!).replaceAll(softHyphen, ''), 'Figure\u00A01: A gull over the harbour')
      assert.match(hastToString(select('table#tbl\\:members > caption', doc)!).replaceAll(softHyphen, ''), /^Table\u00A01: Members of the group\.$/)
      assert.equal(hastToString(select('span.equation#eq\\:sum .equation-number', doc)!), '(1)')
      assert.equal(selectAll('math', doc).length, 2)
      assert.equal(select('.epigraph .smallcaps', doc) !== undefined, true)
      assert.equal(selectAll('.line-block .stanza .line', doc).length, 5)
      assert.ok(select('dl > dt + dd', doc))
    }
  })

  it('EPUB: XHTML with xml:lang on other languages, MathML in its namespace, the manifest property', async () => {
    const verse = xhtml[0]!
    assert.match(verse, /<span lang="fr" xml:lang="fr">Une phrase/)
    assert.match(verse, /<math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML"/)
    assert.match(verse, /<div class="line-block verse-short"><p class="stanza"><span class="line">/)
    assert.match(verse, /<br \/>/)
    const documents = await chapterDocuments(tree, { marks: [], documentOf: () => undefined, images: new Map(), stylesheets: [] })
    assert.deepEqual(documents.map((document) => document.properties), [['mathml'], []])
  })

  it('an inline note `^[…]` is a footnote in every output: at the foot of the page in print, an aside in the EPUB, the notes section on the web', () => {
    const note = 'Every other Tuesday, in fact, at the library.'
    assert.equal(hastToString(select('sup.footnote-call', print)!), '1')
    assert.equal(hastToString(select('sup.footnote-call + span.footnote .fn-p', print)!).replaceAll(softHyphen, ''), note)
    assert.ok(select('span.footnote .fn-p em', print), 'the note\'s Markdown is read')
    assert.equal(hastToString(select('section[data-footnotes] li p', web)!).replace(/\s*↩$/, ''), note)
    assert.match(xhtml[0]!, /<aside id="verse-fn-inline-note-1" epub:type="footnote" role="doc-footnote">\s*<p><a class="note-number" role="doc-backlink">1\.<\/a> Every other Tuesday, <em>in fact<\/em>, at <a href="https:\/\/example.org">the library<\/a>\.<\/p><\/aside>/)
  })

  it('a heading marked {.unlisted} stays out of the contents, {lang=fr} reaches the heading', async () => {
    const { tree: headings } = await manuscriptToBookTree(fileURLToPath(new URL('../../fixtures/read/stages/heading-attributes/', import.meta.url)))
    const ids = headings.toc.flatMap((entry) => [entry.id, ...entry.children.map((child) => child.id)])
    assert.ok(ids.includes('fr') && !ids.includes('not-in-the-contents'), ids.join(' '))
    assert.equal(select('h2#fr', headings.chapters[0]!.hast)?.properties['lang'], 'fr')
  })
})
