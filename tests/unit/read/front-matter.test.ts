import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createMarkdownParser } from '../../../scripts/read/manuscript-to-mdast.ts'

// The `---` that opens a chapter is its front matter, as in pandoc, though a
// dash line elsewhere may open one of pandoc's simple tables.
const parse = (markdown: string) => createMarkdownParser('en').parse(markdown)

test('a `---` on the first line opens front matter, even when it is not valid YAML', () => {
  for (const yaml of ['title: Fine', 'title: "An unclosed quote\nshort-title: Fine']) {
    const tree = parse(`---\n${yaml}\n---\n\n# Chapter\n\nText.\n`)
    assert.equal(tree.children[0]?.type, 'yaml')
    assert.equal((tree.children[0] as { value: string }).value, yaml)
  }
})

test('a dash-line table later in the chapter is still a table', () => {
  const tree = parse('---\ntitle: Fine\n---\n\nText.\n\n-------  -------\nOne      Two\nThree    Four\n-------  -------\n\nAfter.\n')
  assert.deepEqual(
    tree.children.map((node) => node.type),
    ['yaml', 'paragraph', 'simpleTable', 'paragraph'],
  )
})
