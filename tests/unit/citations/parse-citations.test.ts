import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Root } from 'mdast'
import { toString as mdastToString } from 'mdast-util-to-string'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { type CitationNode, parseCitations } from '../../../scripts/citations/parse-citations.ts'
import { locatorTerms, parseLocator } from '../../../scripts/citations/parse-locator.ts'

function parse(markdown: string, inText = true): { tree: Root; citations: CitationNode[] } {
  const file = new VFile({ path: 'chapter.md', value: markdown })
  const tree = unified().use(remarkParse).use(remarkGfm).parse(file)
  return { tree, citations: parseCitations(tree, file, { inText }) }
}

/** A cluster as plain data: mode, and per item key, prefix, suffix, suppress flag. */
const shape = (node: CitationNode) => ({
  mode: node.mode,
  items: node.items.map((item) => ({
    key: item.key,
    prefix: item.prefix.map((child) => mdastToString(child)).join(''),
    suffix: item.suffix.map((child) => mdastToString(child)).join(''),
    ...(item.suppressAuthor ? { suppressAuthor: true } : {}),
  })),
})

test('a bracketed citation with a locator', () => {
  const { citations } = parse('Text [@daniels1960, p. 87].')
  assert.deepEqual(citations.map(shape), [{ mode: 'normal', items: [{ key: 'daniels1960', prefix: '', suffix: ', p. 87' }] }])
})

test('several cites with prefixes, semicolons and locators', () => {
  const { citations } = parse('[see @a, pp. 3-4; also @b, chap. 2] and [quoted in @brinton1970, 75–76]')
  assert.deepEqual(citations.map(shape), [
    {
      mode: 'normal',
      items: [
        { key: 'a', prefix: 'see ', suffix: ', pp. 3-4' },
        { key: 'b', prefix: ' also ', suffix: ', chap. 2' },
      ],
    },
    { mode: 'normal', items: [{ key: 'brinton1970', prefix: 'quoted in ', suffix: ', 75–76' }] },
  ])
})

test('suppress-author, author-in-text with and without a locator, braced keys', () => {
  const { citations } = parse('A [-@key]. @doe99 [p. 33] says; @doe99 agrees. @{Smith 2000} too. Keys like @doe:2020/x.y end before a full stop.')
  assert.deepEqual(citations.map(shape), [
    { mode: 'normal', items: [{ key: 'key', prefix: '', suffix: '', suppressAuthor: true }] },
    { mode: 'author-in-text', items: [{ key: 'doe99', prefix: '', suffix: 'p. 33' }] },
    { mode: 'author-in-text', items: [{ key: 'doe99', prefix: '', suffix: '' }] },
    { mode: 'author-in-text', items: [{ key: 'Smith 2000', prefix: '', suffix: '' }] },
    { mode: 'author-in-text', items: [{ key: 'doe:2020/x.y', prefix: '', suffix: '' }] },
  ])
})

test('prefixes holding emphasis span several phrasing nodes', () => {
  const { citations, tree } = parse('Read [see *The Book* and **more** in @key, p. 4] now.')
  assert.deepEqual(citations.map(shape), [{ mode: 'normal', items: [{ key: 'key', prefix: 'see The Book and more in ', suffix: ', p. 4' }] }])
  assert.deepEqual(
    citations[0]!.items[0]!.prefix.map((node) => node.type),
    ['text', 'emphasis', 'text', 'strong', 'text'],
  )
  // The paragraph still reads as written: the citation keeps its source as children.
  assert.equal(mdastToString(tree), 'Read [see The Book and more in @key, p. 4] now.')
})

test('email addresses, escapes, code, links and plain brackets are not citations', () => {
  for (const markdown of [
    'Write to me@example.com.',
    'Write to [me@example.com].',
    'Not \\@key, not [\\@key].',
    'Code `[@key]` and `@key`.',
    'A [link with @key](https://example.org).',
    'Just [a note in brackets] and [@ alone].',
  ]) {
    assert.deepEqual(parse(markdown).citations, [], markdown)
  }
  // An escaped bracket is text; the key inside is still an in-text citation, as in pandoc.
  assert.deepEqual(parse('\\[@key]').citations.map(shape), [{ mode: 'author-in-text', items: [{ key: 'key', prefix: '', suffix: '' }] }])
})

test('a bracket with a part lacking a key stays text', () => {
  assert.deepEqual(parse('[@a; and more]', false).citations, [])
})

test('bare @name is left alone when the book has no bibliography', () => {
  const { citations } = parse('Follow @samizdat or cite [@key].', false)
  assert.deepEqual(citations.map(shape), [{ mode: 'normal', items: [{ key: 'key', prefix: '', suffix: '' }] }])
})

test('two citations in one text node keep the text around them', () => {
  const { tree, citations } = parse('First [@a] and second [@b], done.')
  assert.equal(citations.length, 2)
  const paragraph = tree.children[0]
  assert.equal(paragraph?.type, 'paragraph')
  assert.deepEqual(
    paragraph.children.map((node) => node.type),
    ['text', 'citation', 'text', 'citation', 'text'],
  )
  assert.equal(mdastToString(tree), 'First [@a] and second [@b], done.')
})

test('keys carry the line and column of their @', () => {
  const { citations } = parse('# Title\n\nOne line,\nthen [see @first, 3].\n\n> Quoted text\n> cites @second here.\n')
  const places = citations.flatMap((node) => node.items.map((item) => [item.key, item.position?.start.line, item.position?.start.column]))
  assert.deepEqual(places, [
    ['first', 4, 11],
    ['second', 7, 9],
  ])
  assert.deepEqual([citations[0]!.position?.start.line, citations[0]!.position?.start.column, citations[0]!.position?.end.column], [4, 6, 21])
})

test('locators: terms, bare pages, lists, braces and suffixes', () => {
  const terms = locatorTerms('')
  const cases: [string, [string | undefined, string | undefined, string]][] = [
    [', p. 87', ['page', '87', '']],
    [', 90', ['page', '90', '']],
    [', pp. 33, 35-37, and nowhere else', ['page', '33, 35-37', ', and nowhere else']],
    [', chap. 2', ['chapter', '2', '']],
    [', § 4', ['section', '4', '']],
    [', xiv', ['page', 'xiv', '']],
    [', {pp. iv, vi-xi, (xv)-(xvii)} with suffix', ['page', 'iv, vi-xi, (xv)-(xvii)', ' with suffix']],
    [', and passim', [undefined, undefined, ', and passim']],
    [', did this', [undefined, undefined, ', did this']],
    ['p. 3', ['page', '3', '']],
  ]
  for (const [suffix, expected] of cases) {
    const { label, locator, rest } = parseLocator(suffix, terms)
    assert.deepEqual([label, locator, rest], expected, suffix)
  }
})

test('locator terms come from the CSL locale too', () => {
  const terms = locatorTerms('<term name="page" form="short"><single>S.</single><multiple>S.</multiple></term>')
  assert.deepEqual(parseLocator(', S. 12–14', terms), { label: 'page', locator: '12–14', rest: '' })
})
