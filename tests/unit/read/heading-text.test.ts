import assert from 'node:assert/strict'
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { manuscriptToBookTree } from '../../../scripts/read/manuscript-to-book-tree.ts'

// A heading whose only content was dropped (raw HTML the sanitiser removes, an image) still has words.
test('a heading with no text gets its image’s alt text, or “Untitled section N” with a warning at its line', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'samizdat-heading-text-'))
  copyFileSync(new URL('../../fixtures/read/stages/figures-and-captions/seagull.png', import.meta.url), path.join(dir, 'gull.png'))
  writeFileSync(path.join(dir, 'one.md'), '# <script>x()</script>\n\nText.\n\n## ![A gull](gull.png)\n\nMore.\n\n## <iframe src="https://example.com"></iframe>\n\nEnd.\n')
  const { tree, files } = await manuscriptToBookTree(dir)
  const chapter = tree.chapters[0]!
  assert.equal(chapter.title, 'Untitled section 1')
  assert.deepEqual(
    tree.toc.flatMap((entry) => [entry.text, ...entry.children.map((child) => child.text)]),
    ['Untitled section 1', 'A gull', 'Untitled section 2'],
  )
  const empty = files.flatMap((file) => file.messages).filter((message) => message.ruleId === 'empty-heading')
  assert.deepEqual(
    empty.map((message) => message.line),
    [1, 9],
  )
})
