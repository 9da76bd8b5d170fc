import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import type { Code } from 'mdast'
import { visit } from 'unist-util-visit'
import { manuscriptToMdast } from '../../../scripts/read/manuscript-to-mdast.ts'
import { resolveBook } from '../../../scripts/config/resolve-book.ts'

const source = ['use std::io;', '// ANCHOR: main', 'fn main() {', '    println!("hi");', '}', '// ANCHOR_END: main', 'fn other() {}'].join('\n')

const chapter = [
  '# Listings', // 1
  '',
  '```rust',
  '{{#rustdoc_include listings/main.rs:main}}', // 4
  '```',
  '',
  '```rust',
  '{{#include listings/main.rs:1:1}}', // 8
  '{{#include ../outside/secret.rs}}', // 9
  '```',
  '',
  '```text',
  '{{#include listings/missing.txt}}', // 13
  '```',
  '',
  '{{#title A web page title}}',
  '',
  'Whole file: `{{#include listings/one-line.txt}}`.',
].join('\n')

test('mdBook includes put the file (or its anchor, or its lines) in place; one outside the book or missing is reported, never printed', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'samizdat-mdbook-include-'))
  mkdirSync(path.join(dir, 'listings'))
  writeFileSync(path.join(dir, 'listings', 'main.rs'), `${source}\n`)
  writeFileSync(path.join(dir, 'listings', 'one-line.txt'), 'included words\n')
  writeFileSync(path.join(dir, 'chapter.md'), chapter)
  const [parsed] = await manuscriptToMdast(await resolveBook(dir))
  const code: string[] = []
  visit(parsed!.mdast, 'code', (node: Code) => void code.push(node.value))
  assert.deepEqual(code, ['fn main() {\n    println!("hi");\n}', 'use std::io;', ''])
  const text = JSON.stringify(parsed!.mdast)
  assert.doesNotMatch(text, /\{\{#/)
  assert.match(text, /included words/)
  assert.deepEqual(
    parsed!.file.messages.map((message) => [message.ruleId, message.line, message.column]),
    [
      ['mdbook-include', 9, 1],
      ['mdbook-include', 13, 1],
    ],
  )
  assert.match(parsed!.file.messages[0]!.reason, /outside the book folder/)
  assert.match(parsed!.file.messages[1]!.reason, /not there/)
})
