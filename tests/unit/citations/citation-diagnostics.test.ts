import assert from 'node:assert/strict'
import { test } from 'node:test'
import { BuildError } from '../../../scripts/diagnostics/fail.ts'
import { citeFixture, elements, hasClass, messages, text, writeBook } from './cite-fixture.ts'

const bib = `@book{daniels1960,
  author = {Daniels, Robert V.},
  title = {The Conscience of the Revolution},
  publisher = {Harvard University Press},
  year = {1960}
}
`

test('unknown key: warning at the @key with the nearest known key, and visible output', async () => {
  const dir = await writeBook({
    'book.yaml': 'title: T\nbibliography: refs.bib\n',
    'refs.bib': bib,
    'one.md': '# One\n\nFirst [@daniels1960].\nThen [see @danials1960, p. 3] and @zzzz99.\n',
  })
  const { chapters, hast } = await citeFixture(dir)
  assert.deepEqual(messages(chapters.map((chapter) => chapter.file)), [
    'one.md:4:11 unknown-citation-key Unknown citation key `@danials1960`: it is not in refs.bib; did you mean `@daniels1960`?',
    'one.md:4:35 unknown-citation-key Unknown citation key `@zzzz99`: it is not in refs.bib; check the spelling or add the work to the bibliography',
  ])
  const unknown = elements(hast[0]!, (element) => hasClass(element, 'citation-unknown'))
  assert.deepEqual(
    unknown.map((element) => [element.tagName, element.properties['dataCites'], text(element)]),
    [
      ['span', 'danials1960', '[@danials1960?]'],
      ['span', 'zzzz99', '[@zzzz99?]'],
    ],
  )
})

test('a malformed .bib entry is a warning at its line; the other entries are read', async () => {
  const dir = await writeBook({
    'book.yaml': 'title: T\nbibliography: refs.bib\n',
    'refs.bib': `${bib}\n@article{broken,\n  title = {Unclosed,\n  year = 2000\n}\n\n@book{after, author={After, A.}, title={Later}, publisher={P}, year=2001}\n`,
    'one.md': '# One\n\n[@daniels1960; @after; @broken]\n',
  })
  const { chapters, result } = await citeFixture(dir)
  const [bibFile] = result.files
  assert.deepEqual(messages(result.files), [
    'refs.bib:8:1 bibliography-syntax Cannot read entry `broken` in refs.bib: expected `}`, reached the end of the entry (line 13, column 1). Check its braces, the comma after the key and between fields, and the `=` in each field; the entry is left out',
  ])
  assert.equal(bibFile?.messages[0]?.fatal, false)
  assert.deepEqual(messages(chapters.map((chapter) => chapter.file)), [
    'one.md:3:24 unknown-citation-key Citation key `@broken` is not cited: its entry in refs.bib (line 8) could not be read; fix the entry there (see the message on it)',
  ])
})

test('a missing bibliography file is an error on book.yaml, at its line', async () => {
  const dir = await writeBook({
    'book.yaml': 'title: T\nbibliography:\n  - refs.bib\n  - missing.bib\n',
    'refs.bib': bib,
    'one.md': '# One\n\n[@daniels1960]\n',
  })
  const { book } = await citeFixture(dir)
  const [message] = book.configFile!.messages
  assert.equal(message?.ruleId, 'missing-bibliography')
  assert.equal(message?.fatal, true)
  assert.deepEqual([message?.line, message?.column], [4, 5])
  assert.match(message!.reason, /`missing\.bib` not found/)
})

test('an unknown style stops the build, naming the bundled styles and how to pass a file', async () => {
  const dir = await writeBook({
    'book.yaml': 'title: T\nbibliography: refs.bib\ncsl: chicago-nots\n',
    'refs.bib': bib,
    'one.md': '# One\n\n[@daniels1960]\n',
  })
  await assert.rejects(citeFixture(dir), (error: unknown) => {
    assert.ok(error instanceof BuildError)
    const [message] = error.files[0]!.messages
    assert.equal(message?.ruleId, 'unknown-csl-style')
    assert.deepEqual([message?.line, message?.column], [3, 1])
    assert.match(message!.reason, /Unknown citation style `chicago-nots`/)
    assert.match(message!.reason, /`apa`, `chicago-author-date`, `chicago-note-bibliography`, `modern-language-association`/)
    assert.match(message!.reason, /csl: \.\/my-style\.csl/)
    return true
  })
})

test('unused entries are reported as information at their line', async () => {
  const dir = await writeBook({
    'book.yaml': 'title: T\nbibliography: refs.bib\n',
    'refs.bib': `${bib}\n@book{unused, author={U, U.}, title={Unused}, publisher={P}, year=2001}\n`,
    'one.md': '# One\n\n[@daniels1960]\n',
  })
  const { result } = await citeFixture(dir)
  const [message] = result.files[0]!.messages
  assert.equal(message?.ruleId, 'unused-reference')
  assert.equal(message?.fatal, undefined)
  assert.deepEqual([message?.line, message?.column], [8, 1])
})

test('without a bibliography, bracketed citations are reported and bare @names left alone', async () => {
  const dir = await writeBook({ 'book.yaml': 'title: T\n', 'one.md': '# One\n\nFollow @samizdat. Cite [@who].\n' })
  const { chapters, hast } = await citeFixture(dir)
  assert.deepEqual(messages(chapters.map((chapter) => chapter.file)), [
    'one.md:3:25 unknown-citation-key Unknown citation key `@who`: the book has no bibliography (add `bibliography: references.bib` to book.yaml)',
  ])
  assert.equal(text(hast[0]!.children[2] as never), 'Follow @samizdat. Cite [@who?].')
})

test('nocite keys, duplicate keys, records without IDs and empty citations are reported', async () => {
  const dir = await writeBook({
    'book.yaml': 'title: T\ncsl: mla\nbibliography: [refs.bib, refs.ris]\nnocite: ["@danils1960"]\n',
    'refs.bib': `${bib}${bib.replace('1960,', '1960,').replace('{Daniels, Robert V.}', '{Other}')}`,
    'refs.ris': 'TY  - BOOK\nAU  - Svensson, Lars\nTI  - No ID\nPY  - 2015\nER  - \n',
    'one.md': '# One\n\nAs [-@daniels1960]. And [@svensson2015, 4].\n',
  })
  const { book, chapters, result } = await citeFixture(dir)
  assert.deepEqual(messages([book.configFile!]), ['book.yaml:4:12 unknown-citation-key Unknown citation key `danils1960` in `nocite`; did you mean `daniels1960`?'])
  assert.deepEqual(messages(result.files), [
    'refs.bib:7:1 bibliography-syntax Duplicate citation key `daniels1960`: the first entry (line 1) is used and this one is ignored; rename one of them',
    'refs.ris:1:1 missing-citation-key This entry has no ID, so samizdat calls it `@svensson2015`; give it an ID (RIS: `ID  - svensson2015`; CSL: `"id": "svensson2015"`) to keep that key stable',
  ])
  assert.deepEqual(messages(chapters.map((chapter) => chapter.file)), [
    'one.md:3:4 empty-citation @daniels1960 prints nothing here in Modern Language Association 9th edition: the style shows no more than what the citation suppresses; add a page or drop the `-`',
  ])
})
