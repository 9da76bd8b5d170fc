import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { loadReferences } from '../../../scripts/citations/load-references.ts'
import { corpusDir, hasCorpus } from '../../helpers/corpus-book.ts'
import { messages, writeBook } from './cite-fixture.ts'

// biblatex's own example database, unmodified: every entry read, as biblatex
// (and, where CSL leaves a choice, pandoc's BibLaTeX reader) reads it.

const examples = path.join(corpusDir, 'biblatex', 'biblatex-examples.bib')
const skip = hasCorpus('biblatex') ? false : 'the shared corpus is not on this machine'

async function load(bibliography: string, lang = 'en-US') {
  const root = path.dirname(bibliography)
  return loadReferences({ bibliography: [bibliography], configFile: path.join(root, 'book.yaml'), root, lang } as never)
}

test('biblatex-examples.bib is read whole, with no message', { skip }, async () => {
  const references = await load(examples)
  assert.equal(references.byKey.size, 92)
  assert.deepEqual(messages(references.files), [])
})

test('BibLaTeX fields are mapped as biblatex prints them', { skip }, async () => {
  const { byKey } = await load(examples)
  const item = (key: string) => byKey.get(key)!.item as Record<string, unknown>
  // `and`-lists in location, publisher: one value, as pandoc joins them.
  assert.equal(item('gaonkar')['publisher-place'], 'Durham; London')
  assert.equal(item('hammond')['publisher'], 'International Union of Crystallography; Oxford University Press')
  // Localisation keys as words.
  assert.equal(item('geer')['genre'], 'PhD thesis')
  assert.equal(item('loh')['genre'], 'Master’s thesis')
  assert.equal(item('padhye')['genre'], 'technical report')
  assert.equal(item('chiu')['genre'], 'research report')
  assert.equal(item('kowalik')['genre'], 'French patent request')
  assert.equal(item('laufenberg')['genre'], 'European patent')
  assert.equal(item('sorace')['genre'], 'U.S. patent')
  assert.equal(item('almendro')['jurisdiction'], 'France; United Kingdom; Germany')
  assert.equal(item('shore')['collection-title'], 'New series')
  assert.equal(item('reese')['collection-title'], '3rd series')
  // langid as BCP 47 (with langidopts), and it decides sentence case.
  assert.equal(item('geer')['language'], 'en-GB')
  assert.equal(item('nietzsche:ksa1')['language'], 'de-DE')
  assert.equal(item('aristotle:anima')['language'], 'en-GB')
  assert.equal(item('nietzsche:ksa1')['title'], 'Die Geburt der Tragödie. Unzeitgemäße Betrachtungen I–IV. Nachgelassene Schriften 1870–1973')
  assert.equal(item('almendro')['title'], 'Elektromagnetisches Signalhorn')
  // A `language` list is not an array citeproc chokes on.
  assert.equal(typeof (item('averroes/bland')['language'] ?? ''), 'string')
  // Sentence case: subtitles, hyphenated compounds, braces kept.
  assert.equal(item('shore')['title'], 'Twice-born, once conceived: Meaning construction and cultural cognition')
  assert.equal(item('sorace')['title'], 'High-speed digital-to-RF converter')
  assert.equal(item('yoon')['title'], 'Palladium pincer complexes with reduced bond angle strain: Efficient catalysts for the Heck reaction')
  assert.equal(item('sarfraz')['title'], 'Technical section: An algorithm for automatic capturing of the font outlines')
  assert.equal(item('jcg')['container-title'], 'Computers and Graphics')
  // Fields citation-js drops.
  assert.equal(item('baez/article')['URL'], 'https://arxiv.org/abs/math/0307200v3')
  assert.equal(item('wilde')['URL'], 'https://books.google.com?id=4HIWAAAAYAAJ')
  assert.deepEqual(item('kullback:reprint')['original-date'], { 'date-parts': [[1959]] })
  assert.equal(item('coleridge')['volume'], '7.2')
  assert.equal(item('moraux')['container-title'], 'Aristotle on Mind and the Senses. Proceedings of the Seventh Symposium Aristotelicum')
  assert.equal(item('cms')['type'], 'book')
  assert.equal(item('jcg')['title'], 'Semantic 3D media and content')
  assert.equal(item('westfahl:frontier')['container-title'], undefined)
  // LaTeX read, not leaked.
  assert.equal(item('knuth:ct:b')['title'], 'TeX: The program')
  assert.equal(item('kastenholz')['title-short'], 'Computation of methodology-independent ionic solvation free energies from molecular simulations')
  assert.deepEqual(item('hyman')['editor'], [{ given: 'Dominic J.', family: "O'Meara" }])
  // useprefix=false (biblatex's default): "von Brandt" is cited as "Brandt"; useprefix keeps "van Gennep".
  assert.deepEqual(item('brandt')['author'], [
    { given: 'Ahasver', family: 'Brandt', 'dropping-particle': 'von' },
    { given: 'Erich', family: 'Hoffmann' },
  ])
  assert.deepEqual(item('vangennep')['author'], [{ given: 'Arnold', family: 'Gennep', 'non-dropping-particle': 'van' }])
  // Page ranges reach citeproc as typed, so page-range-format can shorten them.
  assert.equal(item('angenendt')['page'], '431-456, 791-823')
})

test('an unreadable field is a warning at its line; the rest of the entry is kept', async () => {
  const dir = await writeBook({
    'refs.bib': '@book{one,\n  author = {One, Ann},\n  title = {A Title},\n  note = {Broken \\textbf},\n  year = 2001,\n}\n\n@book{two, title = {Two}, year = 2002}\n',
  })
  const references = await load(path.join(dir, 'refs.bib'))
  assert.deepEqual([...references.byKey.keys()], ['one', 'two'])
  assert.equal(references.byKey.get('one')!.item['title'], 'A title')
  assert.equal(references.byKey.get('one')!.item['note'], undefined)
  const [message] = references.files[0]!.messages
  assert.equal(`${message?.line}:${message?.column} ${message?.ruleId} ${message?.fatal}`, '4:3 bibliography-syntax false')
  assert.match(message!.reason, /field `note` of entry `one` in refs\.bib.*the field is left out, the rest of the entry is kept/)
})

test('a file with no readable entry is an error', async () => {
  const dir = await writeBook({ 'refs.bib': '@book{one,\n  title = {Unclosed,\n  year = 2001\n' })
  const references = await load(path.join(dir, 'refs.bib'))
  assert.equal(references.byKey.size, 0)
  const [message] = references.files[0]!.messages
  assert.equal(`${message?.line}:${message?.column} ${message?.fatal}`, '1:1 true')
})
