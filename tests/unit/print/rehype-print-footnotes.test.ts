import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Root } from 'hast'
import type { Root as MdastRoot } from 'mdast'
import { toHtml } from 'hast-util-to-html'
import { toHast } from 'mdast-util-to-hast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import rehypePrintFootnotes from '../../../scripts/print/rehype-print-footnotes.ts'

/** Markdown → hast as the spine makes it (remark-rehype's footnotes, ids prefixed), then the print plugin. */
function run(markdown: string): string {
  const processor = unified().use(remarkParse).use(remarkGfm)
  const mdast = processor.runSync(processor.parse(markdown)) as MdastRoot
  const hast = toHast(mdast, { clobberPrefix: 'ch-' }) as Root
  unified().use(rehypePrintFootnotes).runSync(hast)
  return toHtml(hast).trim()
}

describe('rehypePrintFootnotes', () => {
  it('puts the note at its call as a span and drops the notes section and back-link', () => {
    const html = run('Text.[^a]\n\n[^a]: The note.\n')
    assert.equal(
      html,
      '<p>Text.<sup class="footnote-call" data-footnote-ref="">1</sup><span class="footnote" id="ch-fn-a"><span class="footnote-marker">1</span> <span class="fn-p">The note.</span></span></p>',
    )
  })

  it('turns the blocks of a long note into spans, so the paragraph holding the call stays whole', () => {
    const html = run('Text.[^a] More.\n\n[^a]: First.\n\n    - one\n    - two\n\n    Last.\n')
    assert.match(html, /^<p>Text\.<sup[^>]*>1<\/sup><span class="footnote" id="ch-fn-a">/)
    assert.match(html, /<span class="fn-p">First\.<\/span><span class="fn-ul"><span class="fn-li">one<\/span><span class="fn-li">two<\/span><\/span><span class="fn-p">Last\.<\/span><\/span> More\.<\/p>$/)
    assert.doesNotMatch(html, /<(ul|li|section)[ >]/)
  })

  it('prints a note called twice once, at its first call', () => {
    const html = run('One.[^a] Two.[^a]\n\n[^a]: Shared.\n')
    assert.equal((html.match(/class="footnote"/g) ?? []).length, 1)
    assert.equal((html.match(/class="footnote-call"/g) ?? []).length, 2)
  })
})
