import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { before, test } from 'node:test'
import type { Element, Root, Text } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { selectAll } from 'hast-util-select'
import { toString as hastToString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'
import { runCli } from '../../helpers/build-cli.ts'

// The web edition of the default book, built by the real command, read back.
const out = mkdtempSync(path.join(tmpdir(), 'samizdat-html-'))
let tree: Root

before(async () => {
  const run = await runCli(['build', 'manuscript', '--out', out, '--format', 'html'])
  assert.equal(run.code, 0, run.stderr)
  tree = fromHtml(readFileSync(path.join(out, 'book.html'), 'utf8'))
})

test('the page says its language', () => {
  const [html] = selectAll('html', tree)
  assert.equal(html?.properties['lang'], 'en-GB')
})

test('a contents list links to every chapter and at least five headings', () => {
  const links = selectAll('nav#toc a', tree)
  assert.ok(links.length >= 5, `contents has ${links.length} entries`)
  assert.ok(selectAll('main h1, main h2, main h3', tree).length >= 5)
})

test('no broken emphasis reaches the reader', () => {
  const texts: string[] = []
  visit(tree, 'text', (node: Text) => {
    texts.push(node.value)
  })
  const all = texts.join('')
  assert.doesNotMatch(all, /\*\*/)
  assert.doesNotMatch(all, /(^|\s)_|_(\s|$)/)
})

test('no web navigation and no relative links to pages outside the book', () => {
  const hrefs = selectAll('a[href]', tree).map((a: Element) => String(a.properties['href']))
  assert.deepEqual(hrefs.filter((href) => /^(?![a-z]+:)[^#]*\.html/i.test(href)), [])
  assert.doesNotMatch(hastToString(tree), /Go to (previous|next|parent) page/)
})

test('every #fragment link resolves to an id in the page', () => {
  const ids = new Set(selectAll('[id]', tree).map((node: Element) => String(node.properties['id'])))
  const fragments = selectAll('a[href^="#"]', tree).map((a: Element) => String(a.properties['href']).slice(1))
  assert.ok(fragments.length > 0)
  assert.deepEqual(fragments.filter((id) => !ids.has(decodeURIComponent(id))), [])
})
