import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import type { Element } from 'hast'
import { eachElement } from '../../../scripts/lib/each-element.ts'
import { manuscriptToBookTree } from '../../../scripts/read/manuscript-to-book-tree.ts'

test('ids are unique across the whole book: a second one is renamed and reported at its place', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'samizdat-unique-ids-'))
  writeFileSync(path.join(dir, 'book.yaml'), 'title: Ids\nchapters: [one.md, two.md]\n')
  writeFileSync(path.join(dir, 'one.md'), '# One {#intro}\n\n[A note]{#note}\n')
  writeFileSync(path.join(dir, 'two.md'), '# Two {#intro}\n\nSee [the intro](one.md#intro) and [mine](two.md#intro).\n\n::: {#note}\nText.\n:::\n')
  const { tree, files } = await manuscriptToBookTree(dir)
  const ids: string[] = []
  const hrefs: string[] = []
  for (const chapter of tree.chapters) {
    eachElement(chapter.hast, (node: Element) => {
      if (typeof node.properties['id'] === 'string') ids.push(node.properties['id'])
      if (node.tagName === 'a') hrefs.push(String(node.properties['href']))
    })
  }
  assert.equal(new Set(ids).size, ids.length, `unique: ${ids}`)
  assert.ok(ids.includes('intro-2') && ids.includes('note-2'))
  assert.equal(tree.chapters[1]!.headingId, 'intro-2')
  assert.deepEqual(hrefs, ['#intro', '#intro-2'])
  const duplicate = files.flatMap((file) => file.messages).filter((message) => message.ruleId === 'duplicate-id')
  assert.deepEqual(
    duplicate.map((message) => [message.line, message.column]),
    [[5, 1]],
  )
})
