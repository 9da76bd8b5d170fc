import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Root } from 'hast'
import { citeFixture, elements, hasClass, text, writeBook } from './cite-fixture.ts'

// Clusters as pandoc prints them: written order kept when a cite has a
// prefix, no author grouping there, locator ranges shortened by the style.

const bib = `@book{moore1998, author = {Moore, Gordon}, title = {Later Work}, publisher = {P}, year = 1998}
@book{moore1965, author = {Moore, Gordon}, title = {Early Work}, publisher = {P}, year = 1965}
@book{adams2000, author = {Adams, Ann}, title = {Another Work}, publisher = {P}, year = 2000}
`
const citations = (tree: Root) => elements(tree, (element) => hasClass(element, 'citation')).map(text)

test('a cluster with a prefix keeps its written order and is not grouped by author', async () => {
  const dir = await writeBook({
    'book.yaml': 'title: T\nlang: en-US\nbibliography: refs.bib\ncsl: apa\n',
    'refs.bib': bib,
    'one.md': '# One\n\nA [see @moore1998; also @adams2000].\n\nB [see @moore1998, 3; also @moore1965, 4].\n\nC [@moore1998; @adams2000; @moore1965].\n',
  })
  const { hast } = await citeFixture(dir)
  assert.deepEqual(citations(hast[0]!), [
    '(see Moore, 1998; also Adams, 2000)',
    '(see Moore, 1998, p. 3; also Moore, 1965, p. 4)',
    // With no affix, citeproc sorts and groups as the style (APA) says.
    '(Adams, 2000; Moore, 1965, 1998)',
  ])
})

test('a locator range typed with an en dash (smart punctuation of `--`) is shortened by the style', async () => {
  const dir = await writeBook({
    'book.yaml': 'title: T\nlang: en-US\nbibliography: refs.bib\ncsl: chicago-note-bibliography\n',
    'refs.bib': bib,
    'one.md': '# One\n\nA claim [@moore1998, pp. 1001–1003].\n',
  })
  const { hast } = await citeFixture(dir)
  const notes = elements(hast[0]!, (element) => element.tagName === 'li').map(text)
  assert.match(notes[0] ?? '', /Later Work, 1001–3\./)
})
