import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { unified } from 'unified'
import { VFile } from 'vfile'
import rehypeHyphenate, { type HyphenateOptions, hyphenationPatternName, softHyphen } from '../../../scripts/print/rehype-hyphenate.ts'

function hyphenate(html: string, options: HyphenateOptions, file = new VFile()): string {
  const tree = fromHtml(html, { fragment: true }) as Root
  unified().use(rehypeHyphenate, options).runSync(tree, file)
  return toHtml(tree).replaceAll(softHyphen, '|')
}

describe('rehypeHyphenate', () => {
  it('inserts soft hyphens at the British English pattern points', () => {
    assert.equal(hyphenate('<p>responsibility</p>', { lang: 'en-GB' }), '<p>re|spons|ib|il|ity</p>')
  })

  it('uses American patterns for en and en-US (no break before the last two letters)', () => {
    assert.equal(hyphenate('<p>responsibility</p>', { lang: 'en-US' }), '<p>re|spon|si|bil|ity</p>')
    assert.equal(hyphenate('<p>responsibility</p>', { lang: 'en' }), '<p>re|spon|si|bil|ity</p>')
  })

  it('leaves short words, acronyms and breaks with fewer than 3 letters after them alone', () => {
    // The patterns allow "Bolshev-ik"; two letters on the next line is too few.
    assert.equal(hyphenate('<p>A small print NATIONALISM Bolshevik</p>', { lang: 'en-GB' }), '<p>A small print NATIONALISM Bolshevik</p>')
  })

  it('keeps at least two letters before a break', () => {
    const out = hyphenate('<p>abbreviated unofficial</p>', { lang: 'en-GB' })
    for (const word of out.replace(/<\/?p>/g, '').split(' ')) assert.ok(!/^[a-z]?\|/i.test(word), word)
  })

  it('does not touch headings, code, pre, URLs, verse or text in a language without patterns', () => {
    const html =
      '<h2>Responsibility</h2><p><code>responsibility</code></p><pre>responsibility</pre>' +
      '<p>see https://example.org/responsibility/distribution.html or responsibility</p>' +
      '<p><span lang="tlh">responsibility</span></p><div class="line-block"><p>responsibility</p></div>'
    assert.equal(
      hyphenate(html, { lang: 'en-GB' }),
      '<h2>Responsibility</h2><p><code>responsibility</code></p><pre>responsibility</pre>' +
        '<p>see https://example.org/responsibility/distribution.html or re|spons|ib|il|ity</p>' +
        '<p><span lang="tlh">responsibility</span></p><div class="line-block"><p>responsibility</p></div>',
    )
  })

  it('hyphenates text by the nearest lang: a German div in an English book, an English span in it', () => {
    assert.equal(
      hyphenate('<div lang="de"><p>Verantwortung <span lang="en-GB">responsibility</span></p></div>', { lang: 'en-GB' }),
      '<div lang="de"><p>Ver|ant|wor|tung <span lang="en-GB">re|spons|ib|il|ity</span></p></div>',
    )
  })

  it('hyphenates German with the 1996 orthography patterns', () => {
    assert.equal(hyphenate('<p>Verantwortung</p>', { lang: 'de-AT' }), '<p>Ver|ant|wor|tung</p>')
  })

  it('reports an unsupported language once and leaves the text as it is', () => {
    const processor = unified().use(rehypeHyphenate, { lang: 'tlh' })
    const files = [new VFile(), new VFile()]
    for (const file of files) {
      const tree = fromHtml('<p>responsibility</p>', { fragment: true }) as Root
      processor.runSync(tree, file)
      assert.equal(toHtml(tree), '<p>responsibility</p>')
    }
    const messages = files.flatMap((file) => file.messages)
    assert.equal(messages.length, 1)
    assert.equal(messages[0]?.ruleId, 'hyphenation-unsupported')
    assert.equal(messages[0]?.source, 'samizdat')
  })
})

describe('hyphenationPatternName', () => {
  it('maps language tags to the hyphen package patterns', () => {
    assert.equal(hyphenationPatternName('en-GB'), 'en-gb')
    assert.equal(hyphenationPatternName('en'), 'en-us')
    assert.equal(hyphenationPatternName('en-US'), 'en-us')
    assert.equal(hyphenationPatternName('de'), 'de-1996')
    assert.equal(hyphenationPatternName('de-CH'), 'de-1996')
    assert.equal(hyphenationPatternName('fr-CA'), 'fr')
    assert.equal(hyphenationPatternName('pt-BR'), 'pt')
    assert.equal(hyphenationPatternName('nl'), 'nl')
    assert.equal(hyphenationPatternName('tlh'), undefined)
  })
})
