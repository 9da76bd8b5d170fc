import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { Element, Root } from 'hast'
import { citeFixture, elements, hasClass, text, writeBook } from './cite-fixture.ts'

const fixture = fileURLToPath(new URL('../../fixtures/citations/', import.meta.url))
const systemStyles = '/usr/share/citation-style-language/styles'
const noSystemStyles = !existsSync(systemStyles) && `needs ${systemStyles}`

const citations = (tree: Root) => elements(tree, (element) => hasClass(element, 'citation'))
const notes = (tree: Root) => elements(tree, (element) => element.tagName === 'li' && String(element.properties['id']).includes('fn-')).map((li) => text(li).replace(/ ↩$/, ''))
const links = (tree: Root | Element) => elements(tree, (element) => element.tagName === 'a' && String(element.properties['href']).startsWith('#ref-'))

test('in-text style: pandoc’s HTML contract for citations and bibliography', async () => {
  const { hast, result } = await citeFixture(fixture, { csl: 'chicago-author-date' })
  const first = citations(hast[0]!)[0]!
  assert.equal(first.tagName, 'span')
  assert.equal(first.properties['dataCites'], 'daniels1960')
  assert.equal(text(first), '(Daniels 1960, 87)')
  const multi = citations(hast[0]!).find((element) => element.properties['dataCites'] === 'brinton1970 mueller2001')!
  // Each cite links to its entry; prefixes and the parentheses stay outside the links.
  assert.deepEqual(
    links(multi).map((link) => [link.properties['href'], link.properties['role'], text(link)]),
    [
      ['#ref-brinton1970', 'doc-biblioref', 'Brinton 1970, 3–4'],
      ['#ref-mueller2001', 'doc-biblioref', 'Müller and Café 2001, chap. 2'],
    ],
  )
  const bibliography = result.bibliography!
  assert.equal(bibliography.tagName, 'section')
  assert.equal(bibliography.properties['id'], 'refs')
  assert.deepEqual(bibliography.properties['className'], ['references', 'csl-bib-body', 'hanging-indent'])
  assert.equal(bibliography.properties['role'], 'doc-bibliography')
  assert.equal(text(elements(bibliography, (element) => element.tagName === 'h1')[0]!), 'References')
  const entries = elements(bibliography, (element) => hasClass(element, 'csl-entry'))
  assert.equal(entries[0]!.properties['id'], 'ref-brinton1970')
  // doc-biblioentry is deprecated in DPUB-ARIA 1.1: entries carry no role.
  assert.equal(entries[0]!.properties['role'], undefined)
  // Every link of the book points at an entry that exists.
  const ids = new Set(entries.map((entry) => `#${entry.properties['id']}`))
  for (const link of hast.flatMap((tree) => links(tree))) assert.ok(ids.has(String(link.properties['href'])), String(link.properties['href']))
})

test('note style: citations become footnotes, numbered with the manuscript’s own', async () => {
  const { hast, chapters, result } = await citeFixture(fixture)
  const calls = elements(hast[0]!, (element) => element.properties['dataFootnoteRef'] !== undefined)
  assert.deepEqual(
    calls.map((call) => text(call)),
    ['1', '2', '3', '4', '5', '6', '7', '8'],
  )
  // The citation span wraps the call, after the punctuation it moved past.
  const first = citations(hast[0]!)[0]!
  assert.equal(first.properties['dataCites'], 'daniels1960')
  assert.equal(text(elements(hast[0]!, (element) => element.tagName === 'p')[0]!), 'The workers\' opposition has a long history.1 Daniels returns to it later.2')
  assert.deepEqual(notes(hast[0]!).slice(0, 3), [
    'Daniels, The Conscience of the Revolution, 87.',
    'Daniels, 90.',
    'See Brinton, The Bolsheviks and Workers’ Control, 1917–1921, 3–4; also Müller and Café, “Rockets at NASA,” chap. 2.',
  ])
  // A citation inside the manuscript's footnote stays in it, in parentheses.
  assert.equal(notes(hast[0]!)[7], 'The notes in (Brinton, The Bolsheviks and Workers’ Control, 1917–1921, 12) say as much.')
  // Generated definitions are mdast footnotes with the citation's position.
  const definition = chapters[0]!.mdast.children.find((node) => node.type === 'footnoteDefinition' && node.identifier === 'cite-1')
  assert.equal(definition?.position?.start.line, 3)
  assert.equal(text(elements(result.bibliography!, (element) => element.tagName === 'h1')[0]!), 'Bibliography')
})

test('note style: short forms run across chapters (one registry for the book)', async () => {
  const { hast } = await citeFixture(fixture)
  // Chapter 2 opens with Brinton right after chapter 1's last note cited Brinton:
  // Chicago's ibid. position (short form) holds across the chapter break.
  assert.deepEqual(notes(hast[1]!).slice(0, 2), ['Brinton, 13.', 'Brinton, 14.'])
})

test('note style with ibid.: ibid. across two chapter files', { skip: noSystemStyles }, async () => {
  const { hast } = await citeFixture(fixture, { csl: 'chicago-note-bibliography-with-ibid' })
  assert.deepEqual(notes(hast[0]!).slice(0, 2), ['Daniels, The Conscience of the Revolution, 87.', 'Ibid., 90.'])
  assert.deepEqual(notes(hast[1]!).slice(0, 2), ['Ibid., 13.', 'Ibid., 14.'])
})

test('numeric style: numbers run across chapters and link to their entries', { skip: noSystemStyles }, async () => {
  const dir = await writeBook({
    'book.yaml': 'title: Numbers\ncsl: ieee\nbibliography: refs.bib\nchapters: [one.md, two.md]\n',
    'refs.bib': `@book{a, author={Alpha, A.}, title={One}, publisher={P}, year=2001}
@book{b, author={Beta, B.}, title={Two}, publisher={P}, year=2002}
@book{c, author={Gamma, C.}, title={Three}, publisher={P}, year=2003}
@book{d, author={Delta, D.}, title={Four}, publisher={P}, year=2004}`,
    'one.md': '# One\n\nFirst [@b], then [@d, p. 4].\n',
    'two.md': '# Two\n\nAgain [@b]; new [@a; @c; @b]; as @c [p. 9] shows.\n',
  })
  const { hast, result } = await citeFixture(dir)
  assert.deepEqual(
    citations(hast[0]!).map((element) => text(element)),
    ['[1]', '[2, p. 4]'],
  )
  assert.deepEqual(
    citations(hast[1]!).map((element) => text(element)),
    ['[1]', '[1], [3], [4]', 'Gamma [4, p. 9]'],
  )
  const entries = elements(result.bibliography!, (element) => hasClass(element, 'csl-entry'))
  assert.deepEqual(
    entries.map((entry) => entry.properties['id']),
    ['ref-b', 'ref-d', 'ref-a', 'ref-c'],
  )
  assert.deepEqual(
    links(citations(hast[1]!)[1]!).map((link) => [link.properties['href'], text(link)]),
    [
      ['#ref-a', '3'],
      ['#ref-c', '4'],
      ['#ref-b', '1'],
    ].sort((x, y) => Number(x[1]) - Number(y[1])),
  )
})

test('the bibliography goes where the manuscript puts <div id="refs"></div>', async () => {
  const dir = await writeBook({
    'book.yaml': 'title: Marker\ncsl: apa\nbibliography: refs.json\nnocite: ["@extra"]\nchapters: [one.md, two.md]\n',
    'refs.json': JSON.stringify([
      { id: 'cited', type: 'book', title: 'Cited Work', author: [{ family: 'Roe', given: 'Ann' }], issued: { 'date-parts': [[2018]] } },
      { id: 'extra', type: 'book', title: 'Extra Work', author: [{ family: 'Poe', given: 'Ed' }], issued: { 'date-parts': [[2017]] } },
    ]),
    'one.md': '# One\n\nSee [@cited].\n',
    'two.md': '# Works cited\n\n<div id="refs"></div>\n',
  })
  const { hast, result } = await citeFixture(dir)
  assert.equal(result.bibliography, undefined)
  const placed = elements(hast[1]!, (element) => element.properties['id'] === 'refs')[0]!
  assert.equal(placed.tagName, 'div')
  assert.deepEqual(
    elements(placed, (element) => hasClass(element, 'csl-entry')).map((entry) => entry.properties['id']),
    ['ref-extra', 'ref-cited'],
  )
})

test('nocite: ["*"] lists every work; unknown keys are visible in the output', async () => {
  const dir = await writeBook({
    'book.yaml': 'title: All\ncsl: chicago-author-date\nbibliography: refs.bib\nnocite: ["*"]\n',
    'refs.bib': '@book{a, author={Alpha, A.}, title={One}, publisher={P}, year=2001}\n@book{b, author={Beta, B.}, title={Two}, publisher={P}, year=2002}\n',
    'one.md': '# One\n\nKnown [@a]; unknown [@zzz]; mixed [@a; @nope].\n',
  })
  const { hast, result } = await citeFixture(dir)
  assert.deepEqual(
    elements(result.bibliography!, (element) => hasClass(element, 'csl-entry')).map((entry) => entry.properties['id']),
    ['ref-a', 'ref-b'],
  )
  const unknown = elements(hast[0]!, (element) => hasClass(element, 'citation-unknown'))
  assert.deepEqual(
    unknown.map((element) => [element.properties['dataCites'], text(element)]),
    [
      ['zzz', '[@zzz?]'],
      ['nope', '[@nope?]'],
    ],
  )
  assert.equal(text(elements(hast[0]!, (element) => element.tagName === 'p')[0]!), 'Known (Alpha 2001); unknown [@zzz?]; mixed (Alpha 2001) [@nope?].')
})

test('footnote ids never clash with the manuscript’s own', async () => {
  const dir = await writeBook({
    'book.yaml': 'title: Ids\nbibliography: refs.bib\n',
    'refs.bib': '@book{a, author={Alpha, A.}, title={One}, publisher={P}, year=2001}\n',
    'one.md': '# One\n\nMine.[^cite-1] Cited [@a].\n\n[^cite-1]: My own note.\n',
  })
  const { chapters, hast } = await citeFixture(dir)
  const ids = chapters[0]!.mdast.children.filter((node) => node.type === 'footnoteDefinition').map((node) => node.identifier)
  assert.deepEqual(ids, ['cite-1', 'cite-2'])
  assert.deepEqual(notes(hast[0]!), ['My own note.', 'Alpha, One.'])
})

test('RIS, CSL-JSON and CSL-YAML bibliographies', async () => {
  const dir = await writeBook({
    'book.yaml': 'title: Formats\ncsl: apa\nbibliography: [refs.ris, refs.yaml]\n',
    'refs.ris': await (await import('node:fs/promises')).readFile(`${fixture}refs.ris`, 'utf8'),
    'refs.yaml': 'references:\n  - id: yam2005\n    type: book\n    title: Written in YAML\n    author:\n      - family: Yam\n        given: Yo\n    issued: 2005\n',
    'one.md': '# One\n\n[@smith2019, 12; @svensson2015; @yam2005]\n',
  })
  const { hast, result } = await citeFixture(dir)
  assert.equal(text(citations(hast[0]!)[0]!), '(Smith & Ødegård, 2019, p. 12; Svensson, 2015; Yam, 2005)')
  assert.deepEqual(
    elements(result.bibliography!, (element) => hasClass(element, 'csl-entry')).map((entry) => text(entry)),
    [
      'Smith, J., & Ødegård, K. (2019). Workplace democracy: a study. Journal of Labour History, 5(2), 10–20.',
      'Svensson, L. (2015). A record without an ID. Verso.',
      'Yam, Y. (2005). Written in YAML.',
    ],
  )
})

test('author in text after a note on the same work: pandoc’s ibid. and short forms', { skip: noSystemStyles }, async () => {
  const files = {
    'book.yaml': 'title: T\nlang: en-US\nbibliography: refs.bib\n',
    'refs.bib': '@book{daniels1960, author={Daniels, Robert V.}, title={The Conscience of the Revolution: Communist Opposition}, publisher={HUP}, year=1960}\n',
    'one.md': '# One\n\nFirst [@daniels1960, p. 3]. As @daniels1960 [p. 4] says. And @daniels1960 again.\n',
  }
  const chicago = await citeFixture(await writeBook(files))
  assert.equal(text(elements(chicago.hast[0]!, (element) => element.tagName === 'p')[0]!), 'First.1 As Daniels2 says. And Daniels3 again.')
  assert.deepEqual(notes(chicago.hast[0]!), ['Daniels, The Conscience of the Revolution, 3.', '4.', 'The Conscience of the Revolution.'])
  const ibid = await citeFixture(await writeBook(files), { csl: 'chicago-note-bibliography-with-ibid' })
  assert.deepEqual(notes(ibid.hast[0]!), ['Daniels, The Conscience of the Revolution, 3.', 'Ibid., 4.', 'The Conscience of the Revolution.'])
})

test('the book’s language picks the CSL locale (punctuation inside quotes in US English only)', async () => {
  const files = (lang: string) => ({
    'book.yaml': `title: T\nlang: ${lang}\nbibliography: refs.bib\n`,
    'refs.bib': '@article{m, author={M{\\"u}ller, J{\\"o}rg}, title={Rockets at {NASA}}, journal={J}, year=2001}\n',
    'one.md': '# One\n\nText [@m].\n',
  })
  const us = await citeFixture(await writeBook(files('en-US')))
  assert.deepEqual(notes(us.hast[0]!), ['Müller, “Rockets at NASA.”'])
  const gb = await citeFixture(await writeBook(files('en-GB')))
  assert.deepEqual(notes(gb.hast[0]!), ['Müller, ‘Rockets at NASA’.'])
  assert.equal(gb.result.bibliography && text(elements(gb.result.bibliography, (element) => hasClass(element, 'csl-entry'))[0]!), 'Müller, Jörg. ‘Rockets at NASA’. J, 2001.')
})

test('one quote convention per book: notes and bibliography quote as the body does (book.yaml `quotes`)', async () => {
  const files = (lang: string, quotes = '') => ({
    'book.yaml': `title: T\nlang: ${lang}\n${quotes}bibliography: refs.bib\n`,
    'refs.bib': '@article{m, author={M{\\"u}ller, J{\\"o}rg}, title={Rockets at ``{NASA}\'\'}, journal={J}, year=2001}\n',
    'one.md': '# One\n\nText [@m].\n',
  })
  // en-GB: single quotes first (British book typography, as the body's `"` become ‘ ’), inner double.
  const gb = await citeFixture(await writeBook(files('en-GB')))
  assert.deepEqual(notes(gb.hast[0]!), ['Müller, ‘Rockets at “NASA”’.'])
  const gbDouble = await citeFixture(await writeBook(files('en-GB', 'quotes: double\n')))
  assert.deepEqual(notes(gbDouble.hast[0]!), ['Müller, “Rockets at ‘NASA’”.'])
  // French: CLDR's guillemets with the narrow no-break space the body has (CSL fr-FR: a wide one, and “ ” inside).
  const fr = await citeFixture(await writeBook(files('fr-FR')))
  assert.match(JSON.stringify(fr.hast[0]), /«\u202FRockets at .NASA.\u202F»/)
  // Swiss German: CLDR's „ “, where CSL de-CH has « ».
  const ch = await citeFixture(await writeBook(files('de-CH')))
  assert.match(notes(ch.hast[0]!)[0]!, /„Rockets at .NASA.“/)
})
