import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import type { Element, Root } from 'hast'
import { manuscriptToBookTree } from '../../../scripts/read/manuscript-to-book-tree.ts'
import { eachElement } from '../../../scripts/lib/each-element.ts'

// Links between chapter files, as mdBook and Quarto manuscripts write them.
function book(files: Record<string, string>, chapters: readonly string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'samizdat-chapter-links-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), text)
  }
  writeFileSync(path.join(dir, 'book.yaml'), `title: Links\nauthor: A. Writer\nchapters:\n${chapters.map((name) => `  - ${name}`).join('\n')}\n`)
  return dir
}

function hrefs(tree: Root): string[] {
  const found: string[] = []
  eachElement(tree, (node: Element) => {
    if (node.tagName === 'a' && typeof node.properties['href'] === 'string') found.push(node.properties['href'])
  })
  return found
}

const first = [
  '# First',
  '',
  'See [the second](second.md), [its harbour](second.md#the-harbour), [again](./part/../second#the-harbour),',
  '[as HTML](second.html#the-harbour), [encoded](sec%6Fnd.md), [the third](part/third%20file.md#summary),',
  '[a typo](second.md#the-harbor) and [the same typo](second.md#the-harbor), and [outside](../elsewhere.md).',
  '',
  '## Summary',
  '',
].join('\n')

test('a link to another chapter file goes to that chapter, or to the id in it, as an in-book link', async () => {
  const dir = book(
    { 'first.md': first, 'second.md': '# Second\n\n## The harbour\n\nText.\n', 'part/third file.md': '# Third\n\n## Summary\n\nText.\n' },
    ['first.md', 'second.md', 'part/third file.md'],
  )
  const { tree, files } = await manuscriptToBookTree(dir)
  // Both first.md and `third file.md` have a `## Summary`: in the book the second one is `summary-1`, and the link means that one.
  assert.deepEqual(hrefs(tree.chapters[0]!.hast), ['#second', '#the-harbour', '#the-harbour', '#the-harbour', '#second', '#summary-1', '#second', '#second', '../elsewhere.md'])
  const messages = files.flatMap((file) => file.messages)
  const missing = messages.filter((message) => message.ruleId === 'missing-link-id')
  assert.equal(missing.length, 1, 'one warning per missing id')
  assert.equal(missing[0]!.line, 5)
  assert.equal(missing[0]!.column, 1)
  assert.match(missing[0]!.reason, /`second\.md` is in the book but has no id `the-harbor`.*did you mean `#the-harbour`/)
  const outside = messages.filter((message) => message.ruleId === 'relative-link')
  assert.deepEqual(
    outside.map((message) => message.reason.match(/`([^`]+)`/)?.[1]),
    ['../elsewhere.md'],
  )
})
