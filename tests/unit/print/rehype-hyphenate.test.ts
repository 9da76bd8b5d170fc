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
  it('takes Liang’s patterns for every English: the British patterns broke words where a reader stumbles', () => {
    // The examples: hyph-en-gb gave vo-lunteer, be-nefits, el-even, noti-cing, scient-ist, re-cords.
    assert.equal(
      hyphenate('<p>volunteer benefits eleven noticing scientist records recommended delegates sensitive</p>', { lang: 'en-GB' }),
      '<p>vol|un|teer ben|e|fits eleven notic|ing sci|en|tist records rec|om|mended del|e|gates sen|si|tive</p>',
    )
    assert.equal(hyphenate('<p>responsibility</p>', { lang: 'en-US' }), '<p>respon|si|bil|ity</p>')
    assert.equal(hyphenate('<p>responsibility</p>', { lang: 'en' }), '<p>respon|si|bil|ity</p>')
  })

  it('leaves words of fewer than 7 letters and acronyms whole', () => {
    assert.equal(hyphenate('<p>A small ladder person NATIONALISM Bolshevik</p>', { lang: 'en-GB' }), '<p>A small ladder person NATIONALISM Bol|she|vik</p>')
  })

  it('keeps three letters on each side of a break in English, two before and after in German', () => {
    const out = hyphenate('<p>abbreviated unofficial independence</p>', { lang: 'en-GB' })
    for (const word of out.replace(/<\/?p>/g, '').split(' ')) {
      assert.ok(!/^[a-z]{1,2}\|/i.test(word) && !/\|[a-z]{1,2}$/i.test(word), word)
    }
    assert.equal(hyphenate('<p>Verantwortung</p>', { lang: 'de' }), '<p>Ver|ant|wor|tung</p>')
  })

  it('takes the built-in exceptions and the book’s own, by language (book.yaml `hyphenation`)', () => {
    // Noun and verb break differently: "records", "present" stay whole; British spellings too.
    assert.equal(hyphenate('<p>Records present colours</p>', { lang: 'en-GB' }), '<p>Records present colours</p>')
    const exceptions = { 'en-GB': ['sam-iz-dat', 'Bolshevik'], fr: ['an-ti-cons-ti-tu-tion-nel'] }
    assert.equal(hyphenate('<p>Samizdat Bolshevik</p>', { lang: 'en-GB', exceptions }), '<p>Sam|iz|dat Bolshevik</p>')
    // Another language's list does not apply; a region's does not apply to another region.
    assert.equal(hyphenate('<p>Bolshevik</p>', { lang: 'en-US', exceptions }), '<p>Bol|she|vik</p>')
  })

  it('does not touch headings, code, pre, URLs, verse or text in a language without patterns', () => {
    const html =
      '<h2>Responsibility</h2><p><code>responsibility</code></p><pre>responsibility</pre>' +
      '<p>see https://example.org/responsibility/distribution.html or responsibility</p>' +
      '<p><span lang="tlh">responsibility</span></p><div class="line-block"><p>responsibility</p></div>'
    assert.equal(
      hyphenate(html, { lang: 'en-GB' }),
      '<h2>Responsibility</h2><p><code>responsibility</code></p><pre>responsibility</pre>' +
        '<p>see https://example.org/responsibility/distribution.html or respon|si|bil|ity</p>' +
        '<p><span lang="tlh">responsibility</span></p><div class="line-block"><p>responsibility</p></div>',
    )
  })

  it('hyphenates text by the nearest lang: a German div in an English book, an English span in it', () => {
    assert.equal(
      hyphenate('<div lang="de"><p>Verantwortung <span lang="en-GB">responsibility</span></p></div>', { lang: 'en-GB' }),
      '<div lang="de"><p>Ver|ant|wor|tung <span lang="en-GB">respon|si|bil|ity</span></p></div>',
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
    assert.equal(hyphenationPatternName('en-GB'), 'en-us')
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
