import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { before, describe, it } from 'node:test'
import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toString as hastToString } from 'hast-util-to-string'
import type { BookTree } from '../../../scripts/lib/book-model.ts'
import { buildImages } from '../../../scripts/lib/build-images.ts'
import { bookTreeToPrintHtml, fitRunningHead, printOutline } from '../../../scripts/print/book-tree-to-print-html.ts'
import { manuscriptToBookTree } from '../../../scripts/read/manuscript-to-book-tree.ts'
import { softHyphen } from '../../../scripts/print/rehype-hyphenate.ts'

const fixture = fileURLToPath(new URL('../../fixtures/print/book/', import.meta.url))
const stylesheets = ['fonts.css', 'page.css', 'print.css']

/** Text as a reader sees it: soft hyphens are invisible. */
function text(node: Element | Root | undefined): string {
  assert.ok(node, 'element not found')
  return hastToString(node).replaceAll(softHyphen, '').replace(/\s+/g, ' ').trim()
}

describe('bookTreeToPrintHtml', () => {
  let tree: BookTree
  let html: string
  let doc: Root
  before(async () => {
    ;({ tree } = await manuscriptToBookTree(fixture))
    html = bookTreeToPrintHtml(tree, { stylesheets })
    doc = fromHtml(html)
  })

  it('links only the given local stylesheets, in order', () => {
    assert.deepEqual(
      selectAll('link[rel=stylesheet]', doc).map((link) => link.properties['href']),
      stylesheets,
    )
    assert.equal(select('script', doc), undefined)
    assert.equal(select('html', doc)?.properties['lang'], 'en-GB')
  })

  it('opens with a half-title, then the title page and its copyright verso, then the contents', () => {
    const body = select('body', doc)!
    const order = body.children.filter((node): node is Element => node.type === 'element').map((node) => (node.properties['className'] as string[] | undefined)?.[0] ?? node.tagName)
    assert.deepEqual(order, ['half-title', 'title-page', 'colophon', 'contents', 'main'])
    assert.equal(text(select('.title-page .book-title', doc)), 'Ink Against the Wire')
    assert.equal(text(select('.title-page .book-subtitle', doc)), 'Notes on small presses, duplicators and the readers who kept them')
    assert.equal(text(select('.title-page .book-author', doc)), 'Mara Ellison')
    assert.equal(text(select('.title-page .book-publisher', doc)), 'Reading Room Press')
  })

  it('leaves the half-title out when asked', () => {
    const without = fromHtml(bookTreeToPrintHtml(tree, { stylesheets, halfTitle: false }))
    assert.equal(select('.half-title', without), undefined)
  })

  it('prints rights, licence, source, edition, identifier and the typesetting note on the copyright page', () => {
    const colophon = text(select('.colophon', doc))
    for (const part of [
      '© 2025 Mara Ellison. Some rights reserved.',
      'Creative Commons Attribution-ShareAlike 4.0',
      'https://creativecommons.org/licenses/by-sa/4.0/',
      'The Reading Room archive',
      'https://example.org/reading-room/archive/ink-against-the-wire/first-edition/index.html',
      'First edition, 14 March 2025',
      'urn:uuid:2f1c6a4e-8d53-4b1a-9c0e-5a7f3e1d2b90',
      'Typeset in Literata with samizdat.',
    ]) {
      assert.ok(colophon.includes(part), `colophon lacks “${part}”: ${colophon}`)
    }
    // Long URLs break between their parts.
    assert.ok(selectAll('.colophon a.url wbr', doc).length > 3)
  })

  it('lists every chapter and section in the contents, linked for target-counter', () => {
    const hrefs = selectAll('nav#toc a', doc).map((link) => link.properties['href'])
    assert.deepEqual(hrefs, [
      '#preface',
      '#duplicators-and-their-discontents',
      '#the-carbon-copy',
      '#the-stencil-duplicator',
      '#distribution',
      '#readers-and-their-circles',
      '#obligations-of-the-reader',
      '#after-the-duplicators',
    ])
    assert.equal(text(select('nav#toc h2', doc)), 'Contents')
    for (const href of hrefs) assert.ok(select(`[id="${String(href).slice(1)}"]`, doc), `${href} has no target`)
  })

  it('wraps each chapter with its plain title for the running head; the first starts the arabic folios', () => {
    const chapters = selectAll('main > section.chapter', doc)
    assert.deepEqual(
      chapters.map((chapter) => chapter.properties['dataRunningTitle']),
      ['Preface', 'Duplicators and their discontents', 'Readers and their circles'],
    )
    assert.deepEqual(chapters.map((chapter) => (chapter.properties['className'] as string[]).includes('body-start')), [true, false, false])
    assert.equal(select('main', doc)?.properties['dataBookTitle'], 'Ink Against the Wire')
  })

  it('moves each footnote to its call, numbered per chapter, without back-links or notes sections', () => {
    assert.equal(select('section[data-footnotes]', doc), undefined)
    assert.equal(select('[data-footnote-backref]', doc), undefined)
    const numbers = (chapterId: string) => selectAll(`#chapter-${chapterId} .footnote .footnote-marker`, doc).map((marker) => text(marker))
    assert.deepEqual(numbers('preface'), ['1'])
    assert.deepEqual(numbers('duplicators'), ['1', '2', '3', '4'])
    assert.deepEqual(numbers('readers'), ['1', '2'])
    for (const note of selectAll('.footnote', doc)) {
      const call = previousElement(doc, note)
      assert.equal(call?.tagName, 'sup')
      assert.deepEqual(call?.properties['className'], ['footnote-call'])
      assert.equal(text(call), text(select('.footnote-marker', note)))
      // Body text only carries data-sid; a note is not body text.
      assert.equal(select('[data-sid]', note), undefined)
      assert.equal(note.tagName, 'span')
      assert.equal(select('p, div, ul, ol, li, blockquote', note), undefined)
    }
    const origin = select('#preface-fn-origin', doc)
    assert.ok(text(origin).startsWith('1 The group had no name for its first two years.'))
    assert.ok(text(origin).endsWith('and it stuck.'), text(origin))
  })

  it('keeps a note with two paragraphs as two span.fn-p', () => {
    const note = select('#duplicators-fn-typewriters', doc)
    const paragraphs = selectAll('.fn-p', note!)
    assert.equal(paragraphs.length, 2)
    assert.ok(text(paragraphs[1]).startsWith('A second paragraph of this note'))
  })

  it('marks in-book links for a page number, and only those', () => {
    const xrefs = selectAll('a.xref', doc)
    assert.deepEqual(
      xrefs.map((link) => link.properties['href']),
      ['#readers-and-their-circles', '#the-carbon-copy'],
    )
    assert.ok(xrefs.every((link) => link.properties['dataPageTerm'] === 'p.'))
    assert.equal(select('nav#toc a.xref', doc), undefined)
  })

  it('lets long URLs break after slashes and before dots', () => {
    const link = selectAll('main a.url', doc).find((a) => String(a.properties['href']).includes('distribution-networks'))
    assert.ok(link)
    assert.equal(text(link), 'https://example.org/reading-room/archive/essays/distribution-networks-and-the-problem-of-trust-in-unofficial-publishing.html')
    assert.ok(selectAll('wbr', link).length >= 8)
    assert.ok(!hastToString(link).includes(softHyphen), 'URLs must not get soft hyphens')
  })

  it('hyphenates running text but not headings', () => {
    const preface = select('#chapter-preface', doc)!
    assert.ok(hastToString(select('p', preface)!).includes(`respon${softHyphen}si${softHyphen}bil${softHyphen}ity`))
    for (const heading of selectAll('h1, h2', doc)) assert.ok(!hastToString(heading).includes(softHyphen), text(heading))
  })

  it('points images into the build folder', () => {
    assert.equal(select('img', doc)?.properties['src'], 'images/images/press.svg')
    assert.deepEqual([...buildImages(tree).values()], ['images/images/press.svg'])
  })

  it('is deterministic', async () => {
    const { tree: again } = await manuscriptToBookTree(fixture)
    assert.equal(bookTreeToPrintHtml(again, { stylesheets }), html)
  })

  it('warns at the chapter heading when its running head will not fit the page', () => {
    const [first, ...rest] = tree.chapters
    const long = 'A chapter title so long that no running head on an A5 page could ever hold it whole'
    const before = first!.file.messages.length
    bookTreeToPrintHtml({ ...tree, chapters: [{ ...first!, title: long }, ...rest] }, { stylesheets })
    const added = first!.file.messages.slice(before)
    assert.equal(added.length, 1)
    assert.equal(added[0]?.ruleId, 'long-running-head')
    assert.equal(added[0]?.line, 1)
    assert.match(added[0]?.reason ?? '', /short-title/)
    assert.match(added[0]?.reason ?? '', /so it is shortened to “A chapter title so long that no running head on an A5 page…”/)
  })

  it('shortens a running head that will not fit at a word, with an ellipsis', () => {
    const [first, ...rest] = tree.chapters
    const long = 'A chapter title so long that no running head on an A5 page could ever hold it whole'
    const out = fromHtml(bookTreeToPrintHtml({ ...tree, chapters: [{ ...first!, title: long }, ...rest] }, { stylesheets }))
    const head = String(select(`#chapter-${first!.id}`, out)?.properties['dataRunningTitle'])
    assert.equal(head, 'A chapter title so long that no running head on an A5 page…')
    const book = { ...tree.book, title: `${long}, a book` }
    const titled = fromHtml(bookTreeToPrintHtml({ ...tree, book }, { stylesheets }))
    assert.equal(select('main', titled)?.properties['dataBookTitle'], 'A chapter title so long that no running head on an A5 page…')
    assert.equal(fitRunningHead('Short', 40), 'Short')
    assert.equal(fitRunningHead('Averyveryverylongwordwithoutanyspaceatall', 20), 'Averyveryverylongwo…')
  })

  it('reports a language without hyphenation patterns at book.yaml and sets the text unhyphenated', () => {
    const book = { ...tree.book, lang: 'tlh' }
    const before = book.configFile!.messages.length
    const out = bookTreeToPrintHtml({ ...tree, book }, { stylesheets })
    const added = book.configFile!.messages.slice(before)
    assert.deepEqual(added.map((message) => [message.ruleId, message.line]), [['hyphenation-unsupported', 4]])
    assert.ok(!out.includes(softHyphen))
  })

  it('gives the outline the contents, chapters and sections', () => {
    const outline = printOutline(tree)
    assert.deepEqual(outline[0], { id: 'toc-title', title: 'Contents', level: 1 })
    assert.deepEqual(
      outline.slice(1, 4).map((entry) => [entry.id, entry.level]),
      [['preface', 1], ['duplicators-and-their-discontents', 1], ['the-carbon-copy', 2]],
    )
    for (const entry of outline) assert.ok(select(`[id="${entry.id}"]`, doc), entry.id)
  })
})

/** The element just before `node` among its parent's element children. */
function previousElement(root: Root, node: Element): Element | undefined {
  let found: Element | undefined
  const walk = (parent: Root | Element): void => {
    const elements = (parent.children as readonly { type: string }[]).filter((child): child is Element => child.type === 'element')
    const at = elements.indexOf(node)
    if (at > 0) found = elements[at - 1]
    for (const child of elements) walk(child)
  }
  walk(root)
  return found
}
