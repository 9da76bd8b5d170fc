import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Element, Root } from 'hast'
import { h } from 'hastscript'
import { toHast } from 'mdast-util-to-hast'
import rehypeRaw from 'rehype-raw'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { resolveBook } from '../../../scripts/config/resolve-book.ts'
import { manuscriptToMdast } from '../../../scripts/read/manuscript-to-mdast.ts'
import { pandocHandlers } from '../../../scripts/read/pandoc-handlers.ts'
import rehypeRawWhereNeeded from '../../../scripts/read/rehype-raw-where-needed.ts'
import { corpusBook, hasCorpus } from '../../helpers/corpus-book.ts'

const always = unified().use(rehypeRaw).freeze()
const whereNeeded = unified().use(rehypeRawWhereNeeded).freeze()

// Every chapter, with and without raw HTML, gives the same hast (positions included) as rehype-raw run on it.
async function assertSameHast(dir: string): Promise<{ chapters: number; withRaw: number }> {
  const book = await resolveBook(dir)
  const chapters = await manuscriptToMdast(book)
  let withRaw = 0
  for (const chapter of chapters) {
    const hast = toHast(chapter.mdast, { allowDangerousHtml: true, handlers: pandocHandlers }) as Root
    if (JSON.stringify(hast).includes('"type":"raw"')) withRaw++
    const expected = await always.run(structuredClone(hast), chapter.file)
    const actual = await whereNeeded.run(structuredClone(hast), chapter.file)
    assert.deepEqual(actual, expected, `${chapter.file.path}: the hast differs from rehype-raw's`)
  }
  return { chapters: chapters.length, withRaw }
}

describe('rehypeRawWhereNeeded', () => {
  it('gives rehype-raw’s hast for every chapter of the default book (no raw HTML in it)', async () => {
    assert.deepEqual(await assertSameHast('manuscript'), { chapters: 5, withRaw: 0 })
  })

  it('parses raw HTML where a chapter has it', async () => {
    const tree: Root = { type: 'root', children: [{ type: 'raw', value: '<em>hi</em>' }] }
    const result: Root = await whereNeeded.run(tree, new VFile())
    assert.equal(result.children[0]?.type === 'element' && result.children[0].tagName, 'em')
  })

  it('joins adjacent texts and turns properties into attribute values and back, as parse5 does', async () => {
    const tree: Root = {
      type: 'root',
      position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 2, column: 1, offset: 4 } },
      children: [
        h('p', { dataFootnotes: true, className: ['a', 'b'], hidden: false }, [
          { type: 'text', value: 'one', position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 4, offset: 3 } } },
          { type: 'text', value: '\n' },
        ]),
      ],
    }
    const expected = await always.run(structuredClone(tree), new VFile('one\n'))
    const actual = await whereNeeded.run(tree, new VFile('one\n'))
    assert.deepEqual(actual, expected)
    assert.deepEqual((actual.children[0] as Element).properties, { dataFootnotes: '', className: ['a', 'b'] })
  })

  // rust-book is left out: nearly every chapter has raw HTML, so rehype-raw runs on it either way.
  for (const name of ['pandoc-manual', 'phd-thesis', 'pandoc-book-template']) {
    it(`gives rehype-raw’s hast for every chapter of the corpus’s ${name}`, { skip: !hasCorpus(name) && 'the shared corpus is not on this machine' }, async () => {
      const { chapters } = await assertSameHast(corpusBook(name))
      assert.ok(chapters > 0)
    })
  }
})
