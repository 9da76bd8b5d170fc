import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { toHtml } from 'hast-util-to-html'
import { manuscriptToBookTree } from '../../../scripts/read/manuscript-to-book-tree.ts'

test('mdBook’s <Listing> is a figure: the file name above the code, “Listing N: caption” below, and no unsupported-html warning', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'samizdat-listing-'))
  writeFileSync(path.join(dir, 'one.md'), '# Code\n\n<Listing number="4-1" file-name="src/main.rs" caption="A variable and its scope">\n\n```rust\nfn main() {}\n```\n\n</Listing>\n')
  const { tree, files } = await manuscriptToBookTree(dir)
  const html = toHtml(tree.chapters[0]!.hast).replace(/ data-sid="\d+"/g, '')
  assert.match(html, /<figure class="listing"><p class="listing-file">Filename: src\/main\.rs<\/p><pre><code class="language-rust">fn main\(\) \{\}\n<\/code><\/pre>\s*<figcaption>Listing 4-1: A variable and its scope<\/figcaption><\/figure>/)
  assert.deepEqual(
    files.flatMap((file) => file.messages).map((message) => message.ruleId),
    [],
  )
})
