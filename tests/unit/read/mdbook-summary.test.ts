import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { manuscriptToBookTree } from '../../../scripts/read/manuscript-to-book-tree.ts'

// An mdBook folder: SUMMARY.md gives the order, titles and nesting; section files start at `##`.
function mdBook(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'samizdat-mdbook-'))
  const files: Record<string, string> = {
    'SUMMARY.md': '# The Book\n\n[Intro](intro.md)\n\n- [Chapter one](one.md)\n  - [A section](one-a.md)\n- [A draft]()\n\n---\n\n# Part two\n\n- [Missing](nope.md)\n- [Two](two.md)\n',
    'intro.md': '# Intro\n\nHello.\n',
    'one.md': '# One\n\nText.\n',
    'one-a.md': '## A section\n\nSection text.\n\n### More\n\nMore.\n',
    'two.md': 'No heading at all.\n',
    'stray.md': '# Stray\n\nNot in SUMMARY.\n',
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  return dir
}

test('SUMMARY.md gives the chapters, their order and titles; it is no chapter itself, nor is a file it does not list', async () => {
  const { tree, files } = await manuscriptToBookTree(mdBook())
  assert.equal(tree.book.title, 'The Book')
  assert.deepEqual(
    tree.chapters.map((chapter) => [path.basename(chapter.file.path), chapter.title, chapter.continues ?? false]),
    [
      ['intro.md', 'Intro', false],
      ['one.md', 'One', false],
      ['one-a.md', 'A section', true],
      ['two.md', 'Two', false],
    ],
  )
  const messages = files.flatMap((file) => file.messages)
  assert.deepEqual(
    messages.map((message) => [path.basename(message.file ?? ''), message.ruleId, message.line]),
    [['SUMMARY.md', 'summary-missing-file', 13]],
  )
})

test('a file that starts at `##` is a section of the chapter before it in the contents', async () => {
  const { tree } = await manuscriptToBookTree(mdBook())
  assert.deepEqual(
    tree.toc.map((entry) => [entry.text, entry.children.map((child) => child.text)]),
    [
      ['Intro', []],
      ['One', ['A section']],
    ],
  )
})

test('with numbered sections, SUMMARY.md\'s prefix chapters are not numbered and its list entries are', async () => {
  const dir = mdBook()
  writeFileSync(path.join(dir, 'book.yaml'), 'title: The Book\nnumberSections: true\n')
  const { tree } = await manuscriptToBookTree(dir)
  assert.deepEqual(
    tree.toc.map((entry) => [entry.text, entry.children.map((child) => child.text)]),
    [
      ['Intro', []],
      ['1 One', ['1.1 A section']],
    ],
  )
})
