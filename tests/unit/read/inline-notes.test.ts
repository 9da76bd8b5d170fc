import assert from 'node:assert/strict'
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, test } from 'node:test'
import type { Element, Root as HastRoot } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import type { FootnoteDefinition, Nodes, Root } from 'mdast'
import { toString as mdastToString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { manuscriptToBookTree } from '../../../scripts/read/manuscript-to-book-tree.ts'
import { createMarkdownParser } from '../../../scripts/read/manuscript-to-mdast.ts'

// Pandoc's `^[inline notes]` read as pandoc reads them, into the footnotes every later stage knows.
async function parse(markdown: string): Promise<{ tree: Root; file: VFile }> {
  const parser = createMarkdownParser('en')
  const file = new VFile({ path: 'chapter.md', value: markdown })
  const tree = (await parser.run(parser.parse(file), file)) as Root
  return { tree, file }
}

const ofType = <T extends Nodes['type']>(tree: Root, type: T) => {
  const found: Extract<Nodes, { type: T }>[] = []
  visit(tree, type, (node) => {
    found.push(node as Extract<Nodes, { type: T }>)
  })
  return found
}

const noteTexts = (tree: Root) => ofType(tree, 'footnoteDefinition').map((node: FootnoteDefinition) => mdastToString(node))

test('a note’s text is inline Markdown up to the bracket that balances `^[`', async () => {
  const { tree, file } = await parse('Text.^[A *note* with `code]`, [brackets] and \\] inside.] After.\n')
  assert.deepEqual(noteTexts(tree), ['A note with code], [brackets] and ] inside.'])
  const [definition] = ofType(tree, 'footnoteDefinition')
  assert.deepEqual(
    definition!.children.flatMap((paragraph) => ('children' in paragraph ? paragraph.children.map((node) => node.type) : [])),
    ['text', 'emphasis', 'text', 'inlineCode', 'text'],
  )
  assert.equal(mdastToString(tree.children[0]!), 'Text. After.')
  assert.deepEqual(file.messages, [])
})

test('the call and the note keep the place of `^[…]`, over lines and inside a quote', async () => {
  const { tree } = await parse('> Quoted^[over two\n> *lines*] here.\n')
  const [reference] = ofType(tree, 'footnoteReference')
  assert.deepEqual([reference!.position?.start, reference!.position?.end].map((point) => [point?.line, point?.column]), [
    [1, 9],
    [2, 11],
  ])
  const [emphasis] = ofType(tree, 'emphasis')
  assert.deepEqual([emphasis!.position?.start.line, emphasis!.position?.start.column], [2, 3])
  assert.deepEqual(noteTexts(tree), ['over two\nlines'])
})

test('inline notes are numbered with the other footnotes in reading order, with ids of their own', async () => {
  const { tree } = await parse('One[^inline-note-1] two^[Second.] three[^b] four^[Fourth.]\n\n[^inline-note-1]: First.\n[^b]: Third.\n')
  assert.deepEqual(
    ofType(tree, 'footnoteReference').map((node) => node.identifier),
    ['inline-note-1', 'inline-note-2', 'b', 'inline-note-3'],
  )
  const hast = await manuscriptHast('One[^inline-note-1] two^[Second.] three[^b] four^[Fourth.]\n\n[^inline-note-1]: First.\n[^b]: Third.\n')
  const calls = elements(hast, (element) => element.properties['dataFootnoteRef'] !== undefined)
  assert.deepEqual(calls.map((call) => hastToString(call)), ['1', '2', '3', '4'])
  assert.deepEqual(notesOf(hast), ['First.', 'Second.', 'Third.', 'Fourth.'])
})

test('a note inside a note is a note of its own, as in pandoc', async () => {
  const { tree } = await parse('Text^[outer ^[inner] text].\n')
  assert.deepEqual(noteTexts(tree), ['outer  text', 'inner'])
})

test('`^[` in code stays code; an unclosed or escaped one stays text, and only the unclosed one is reported', async () => {
  const { tree, file } = await parse('Code `^[no]`, escaped \\^[no] and ^\\[no], open ^[never closed\n\n```\n^[fenced]\n```\n')
  assert.equal(ofType(tree, 'footnoteDefinition').length, 0)
  assert.deepEqual(
    file.messages.map((message) => [message.ruleId, message.line, message.column]),
    [['unread-markup', 1, 47]],
  )
  assert.match(file.messages[0]!.reason, /opens no inline note/)
})

test('a read inline note leaves nothing for the unread-markup check', async () => {
  const { file } = await parse('Text^[a note {with braces} and $x$ and [a span]{.smallcaps}] and more^[another].\n')
  assert.deepEqual(
    file.messages.map((message) => message.ruleId),
    [],
  )
})

const books: string[] = []
after(async () => {
  await Promise.all(books.map((dir) => rm(dir, { recursive: true, force: true })))
})

async function writeBook(chapter: string, yaml = ''): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'samizdat-inline-notes-'))
  books.push(dir)
  await writeFile(path.join(dir, 'book.yaml'), `title: Notes\nlang: en-US\nchapters: [one.md]\n${yaml}`)
  await writeFile(path.join(dir, 'one.md'), chapter)
  return dir
}

async function manuscriptHast(body: string, yaml = ''): Promise<HastRoot> {
  const { tree } = await manuscriptToBookTree(await writeBook(`# One\n\n${body}`, yaml))
  return tree.chapters[0]!.hast
}

function elements(tree: HastRoot | Element, test: (element: Element) => boolean): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node: Element) => {
    if (test(node)) found.push(node)
  })
  return found
}

async function citedBook(csl: string): Promise<HastRoot> {
  const dir = await writeBook('# One\n\nA claim.^[See [@daniels1960, 87] on this.] Another [@brinton1970].\n', `bibliography: refs.bib\ncsl: ${csl}\n`)
  await copyFile(path.join(import.meta.dirname, '..', '..', 'fixtures', 'citations', 'refs.bib'), path.join(dir, 'refs.bib'))
  const { tree } = await manuscriptToBookTree(dir)
  return tree.chapters[0]!.hast
}

const notesOf = (hast: HastRoot) =>
  elements(hast, (element) => element.tagName === 'li' && String(element.properties['id']).includes('fn-')).map((li) => hastToString(li).replace(/\s*↩\s*$/, '').trim())

test('a citation inside an inline note is cited as in a note (note style: it stays in the note)', async () => {
  const hast = await citedBook('chicago-note-bibliography')
  const notes = notesOf(hast)
  // The inline note is note 1 with its citation inside it; the citation in the text becomes note 2.
  assert.equal(notes.length, 2)
  assert.equal(notes[0], 'See (Daniels, The Conscience of the Revolution, 87) on this.')
  assert.match(notes[1]!, /Brinton/)
})

test('a citation inside an inline note is cited in the note (in-text style)', async () => {
  const notes = notesOf(await citedBook('chicago-author-date'))
  assert.deepEqual(notes, ['See (Daniels 1960, 87) on this.'])
})
