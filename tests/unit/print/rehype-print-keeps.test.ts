import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { unified } from 'unified'
import rehypeHyphenate from '../../../scripts/print/rehype-hyphenate.ts'
import rehypePrintKeeps from '../../../scripts/print/rehype-print-keeps.ts'

function keep(html: string): string {
  const tree = fromHtml(html, { fragment: true }) as Root
  unified().use(rehypePrintKeeps).use(rehypeHyphenate, { lang: 'en-GB' }).runSync(tree)
  return toHtml(tree).replaceAll('\u00AD', '|')
}

const rows = (count: number) => Array.from({ length: count }, (_, index) => `<tr><td>Row ${index}</td><td>a longer cell of several words</td></tr>`).join('')

test('a paragraph ending in ":" before a list, quotation or table is a lead-in; one before a paragraph is not', () => {
  assert.match(keep('<p>These follow:</p><ul><li>one</li></ul>'), /<p class="lead-in">These follow:<\/p>/)
  assert.match(keep('<p>He wrote:</p>\n<blockquote><p>Text.</p></blockquote>'), /<p class="lead-in">/)
  assert.doesNotMatch(keep('<p>Note this:</p><p>Text.</p>'), /lead-in/)
})

test('a table of fewer than 6 body rows is kept whole; one of 6 may split', () => {
  assert.match(keep(`<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody>${rows(5)}</tbody></table>`), /<table class="keep-whole">/)
  assert.doesNotMatch(keep(`<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody>${rows(6)}</tbody></table>`), /keep-whole/)
})

test('header cells and short cells are never hyphenated; short cells stay on one line', () => {
  const html = keep('<table><thead><tr><th>Category</th><th>Deposit</th></tr></thead><tbody><tr><td>1 week</td><td>Responsibility of the volunteering depositors</td></tr></tbody></table>')
  assert.match(html, /<th class="short-cell">Category<\/th><th class="short-cell">Deposit<\/th>/)
  assert.match(html, /<td class="short-cell">1 week<\/td>/)
  // A long cell is running text.
  assert.match(html, /<td>Respon\|si\|bil\|ity of the vol\|un\|teer\|ing depos\|i\|tors<\/td>/)
})
