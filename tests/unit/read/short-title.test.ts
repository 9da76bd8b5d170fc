import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { manuscriptToBookTree } from '../../../scripts/read/manuscript-to-book-tree.ts'

test('`{short-title="…"}` on a chapter heading gives the running head, with no unknown-attribute warning; the heading keeps its words', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'samizdat-short-title-'))
  writeFileSync(path.join(dir, 'one.md'), '# A very long title about the distribution of unofficial literature {short-title="Distribution"}\n\nText.\n')
  const { tree, files } = await manuscriptToBookTree(dir)
  assert.equal(tree.chapters[0]!.title, 'Distribution')
  assert.equal(tree.toc[0]!.text, 'A very long title about the distribution of unofficial literature')
  assert.deepEqual(
    files.flatMap((file) => file.messages).map((message) => message.ruleId),
    [],
  )
})
