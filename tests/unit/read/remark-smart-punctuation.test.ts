import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import type { Root } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkSmartypants from 'remark-smartypants'
import { unified } from 'unified'
import { quotesForLang } from '../../../scripts/lib/quotes-for-lang.ts'
import remarkSmartPunctuation from '../../../scripts/read/remark-smart-punctuation.ts'

// remark-smart-punctuation replaced remark-smartypants (3.0.3, `dashes: 'oldschool'`)
// for speed: in English it gives the same tree, but for a `'` before a word
// that no closing quote follows ('tis, 's): an apostrophe ’ where
// remark-smartypants opens a quote ‘.
const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm)

function both(markdown: string, lang = 'en'): { ours: Root; theirs: Root } {
  const tree = parser.runSync(parser.parse(markdown)) as Root
  const ours = unified().use(remarkSmartPunctuation, { lang }).runSync(structuredClone(tree))
  const theirs = unified().use(remarkSmartypants, { dashes: 'oldschool', ...quotesForLang(lang) }).runSync(structuredClone(tree)) as Root
  return { ours: JSON.parse(JSON.stringify(ours).replaceAll('‘', '’')), theirs: JSON.parse(JSON.stringify(theirs).replaceAll('‘', '’')) }
}

const cases = [
  '"Double" and \'single\' quotes, an en dash -- and an em dash --- with an ellipsis...',
  'He said, "\'Quoted\' words in a larger quote." Then \'tis the \'80s, isn\'t it? Rock \'n\' roll.',
  '"*Emphasis*" and *"inside"* and "[a link](https://example.org)" and "`code`" here.',
  '**"Strong"** text, ["link text"](x), "`a` and `b`", \'*single em*\'',
  '"Quote at the end of a paragraph."\n\n"Another opens the next." \'Tis so.',
  '# "Heading" with \'quotes\'\n\n| "a" | \'b\' |\n| --- | --- |\n| "c" | don\'t |',
  'Spaced dots . . . and unspaced.... and two.. and ``backticks\'\' and \'\'two\'\' and a dash–-hyphen.',
  '1990s--2000s, pages 10--20, a---b, "---" and "--", \'--\'.',
  'Nested: "She said \'no\'" and \'he said "yes"\'. "Hello," she said. "\'Hi.\'"',
  'Footnote[^1] "quoted"[^1].\n\n[^1]: A "note" with \'quotes\'.',
  '> "Block quote"\n>\n> - "list item"\n> - \'another\'',
  'Sentence one. "Sentence two." \'s at start. 12"  and 5\' 6" tall. "..." and \'...\'',
  'Ellipsis . . . . four, "word . . . word", e.g. "i.e." U.S.A. "Dr. Smith".',
]

test('smart punctuation: the same tree as remark-smartypants on hand-picked cases', () => {
  for (const markdown of cases) {
    const { ours, theirs } = both(markdown)
    assert.deepEqual(ours, theirs, markdown)
  }
})

test('smart punctuation: the same tree as remark-smartypants on random text', (t) => {
  // retext-smartypants 6.2 logs each en dash + hyphen it merges.
  t.mock.method(console, 'log', () => {})
  const piece = fc.constantFrom('"', "'", '`', '``', "''", '-', '--', '---', '–', '.', '...', ' ', '  ', '\n', 'word', 'Word', 's', '80s', '1', '*', '**', '_', '[', '](x)', '(', ')', ',', '!', '?', ':', '\u00A0', '#', '> ', '\n\n', 'e.g.')
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const { ours, theirs } = both(pieces.join(''))
      assert.deepEqual(ours, theirs)
    }),
    { numRuns: Number(process.env['RUNS'] ?? 500) },
  )
})

test('smart punctuation: quotes of several characters (French) stay in their text node', () => {
  const parsed = parser.runSync(parser.parse('Il dit "bonjour" et *"salut"* puis "fin".')) as Root
  const tree = unified().use(remarkSmartPunctuation, { lang: 'fr' }).runSync(parsed)
  const text = JSON.stringify(tree.children[0])
  // remark-smartypants cut its text by the straight quotes' lengths, shifting letters between nodes.
  assert.match(text, /"value":"Il dit «\u202Fbonjour\u202F» et "/)
  assert.match(text, /"value":"«\u202Fsalut\u202F»"/)
  assert.match(text, /"value":" puis «\u202Ffin\u202F»."/)
})
