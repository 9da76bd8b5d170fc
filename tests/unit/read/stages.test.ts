import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { toHtml } from 'hast-util-to-html'
import { manuscriptToBookTree } from '../../../scripts/read/manuscript-to-book-tree.ts'

// Fixture folders are discovered: `input.md` (+ optional `book.yaml`) in,
// `output.html` and `messages.txt` out. `UPDATE=1` rewrites the expectations.
const fixtures = path.join(import.meta.dirname, '..', '..', 'fixtures', 'read', 'stages')

for (const name of readdirSync(fixtures).sort()) {
  test(`manuscript → book tree: ${name}`, async () => {
    const dir = path.join(fixtures, name)
    const { tree } = await manuscriptToBookTree(dir)
    const [chapter] = tree.chapters
    const html = `${toHtml(chapter!.hast)}\n`
    const messages = `${chapter!.file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`).join('\n')}\n`
    const expectedHtml = path.join(dir, 'output.html')
    const expectedMessages = path.join(dir, 'messages.txt')
    if (process.env['UPDATE'] || !existsSync(expectedHtml)) {
      writeFileSync(expectedHtml, html)
      writeFileSync(expectedMessages, messages)
    }
    assert.equal(html, readFileSync(expectedHtml, 'utf8'))
    assert.equal(messages, readFileSync(expectedMessages, 'utf8'))
  })
}
