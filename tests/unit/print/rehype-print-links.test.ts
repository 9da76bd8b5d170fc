import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { unified } from 'unified'
import rehypePrintLinks from '../../../scripts/print/rehype-print-links.ts'

function run(html: string, pageTerm = 'p.'): string {
  const tree = fromHtml(html, { fragment: true }) as Root
  unified().use(rehypePrintLinks, { targets: new Set(['method', 'ch-2']), pageTerm }).runSync(tree)
  return toHtml(tree)
}

describe('rehypePrintLinks', () => {
  it('marks a link to a heading in the book as a cross-reference with the page term', () => {
    assert.equal(run('<a href="#method">the method</a>'), '<a href="#method" class="xref" data-page-term="p.">the method</a>')
  })

  it('leaves links that already name a page, unknown targets and footnote calls alone', () => {
    for (const html of [
      '<a href="#method">p. 4</a>',
      '<a href="#method">see page 12</a>',
      '<a href="#ch-2">S. 7</a>',
      '<a href="#elsewhere">nowhere</a>',
      '<a href="#method" data-footnote-ref="">1</a>',
    ]) {
      assert.doesNotMatch(run(html, 'S.'), /xref/, html)
    }
  })

  it('lets a URL shown as text break after slashes and before dots, keeping its text', () => {
    const out = run('<a href="https://example.org/a/b.html">https://example.org/a/b.html</a>')
    assert.equal(out, '<a href="https://example.org/a/b.html" class="url">https://<wbr>example<wbr>.org/<wbr>a/<wbr>b<wbr>.html</a>')
  })

  it('does not touch a link whose text is not a URL', () => {
    assert.equal(run('<a href="https://example.org/">the archive</a>'), '<a href="https://example.org/">the archive</a>')
  })
})
