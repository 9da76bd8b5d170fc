import assert from 'node:assert/strict'
import { copyFile, mkdir } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { VFile } from 'vfile'
import { bibliographyHeading } from '../../../scripts/citations/bibliography-element.ts'
import { bundledStylesDir, loadCslLocale, loadCslStyle } from '../../../scripts/citations/load-csl-style.ts'
import { BuildError } from '../../../scripts/diagnostics/fail.ts'
import { writeBook } from './cite-fixture.ts'

const system = '/usr/share/citation-style-language'
const noSystem = !existsSync(system) && `needs ${system}`
const bookIn = (root: string, csl: string, lang = 'en-US', configFile?: VFile) => ({ root, csl, lang, configFile })

test('bundled styles by name, with their class; `mla` is an alias', async () => {
  const root = await writeBook({})
  const note = await loadCslStyle(bookIn(root, 'chicago-note-bibliography'))
  assert.equal(note.isNoteStyle, true)
  assert.equal(note.path, path.join(bundledStylesDir, 'chicago-note-bibliography.csl'))
  assert.equal((await loadCslStyle(bookIn(root, 'apa'))).isNoteStyle, false)
  assert.equal((await loadCslStyle(bookIn(root, 'mla'))).title, 'Modern Language Association 9th edition')
})

test('other styles by name from the system folder', { skip: noSystem }, async () => {
  const ieee = await loadCslStyle(bookIn(await writeBook({}), 'ieee'))
  assert.equal(ieee.path, `${system}/styles/ieee.csl`)
  assert.equal(ieee.collapsesNumbers, true)
})

test('a style file by path, and a dependent style resolved to its parent', async () => {
  const root = await writeBook({
    'journal.csl': `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-US">
  <info>
    <title>Some Journal</title>
    <id>http://www.zotero.org/styles/some-journal</id>
    <link href="http://www.zotero.org/styles/some-journal" rel="self"/>
    <link href="http://www.zotero.org/styles/apa" rel="independent-parent"/>
    <category citation-format="author-date"/>
    <updated>2020-01-01T00:00:00+00:00</updated>
  </info>
</style>
`,
  })
  await mkdir(path.join(root, 'styles'))
  await copyFile(path.join(bundledStylesDir, 'chicago-author-date.csl'), path.join(root, 'styles', 'house.csl'))
  const house = await loadCslStyle(bookIn(root, './styles/house.csl'))
  assert.equal(house.path, path.join(root, 'styles', 'house.csl'))
  assert.equal(house.title, 'Chicago Manual of Style 17th edition (author-date)')
  const dependent = await loadCslStyle(bookIn(root, 'journal.csl'))
  assert.equal(dependent.path, path.join(bundledStylesDir, 'apa.csl'))
  assert.equal(dependent.title, 'American Psychological Association 7th edition')
})

test('a missing style file is an unknown-csl-style error', async () => {
  const root = await writeBook({})
  await assert.rejects(loadCslStyle(bookIn(root, './nowhere.csl')), (error: unknown) => {
    assert.ok(error instanceof BuildError)
    assert.equal(error.files[0]!.messages[0]!.ruleId, 'unknown-csl-style')
    assert.match(error.message, /Unknown citation style `\.\/nowhere\.csl`/)
    return true
  })
})

test('locales: exact, main dialect, system folder, else en-US with a warning', async () => {
  assert.equal((await loadCslLocale('en-GB')).lang, 'en-GB')
  assert.equal((await loadCslLocale('en')).lang, 'en-US')
  assert.equal((await loadCslLocale('de')).lang, 'de-DE')
  assert.equal((await loadCslLocale('fr-CH')).lang, 'fr-FR')
  if (!noSystem) assert.equal((await loadCslLocale('pt-BR')).lang, 'pt-BR')
  const fallback = await loadCslLocale('xx')
  assert.deepEqual([fallback.lang, fallback.isFallback], ['en-US', true])
  const configFile = new VFile({ path: 'book.yaml', value: 'title: T\nlang: xx\n' })
  await loadCslStyle(bookIn(await writeBook({}), 'apa', 'xx', configFile))
  assert.deepEqual(
    configFile.messages.map((message) => [message.ruleId, message.line]),
    [['unknown-csl-locale', 2]],
  )
})

test('the bibliography heading follows the language and the kind of style', () => {
  assert.equal(bibliographyHeading('en-GB', true), 'Bibliography')
  assert.equal(bibliographyHeading('en', false), 'References')
  assert.equal(bibliographyHeading('de-AT', true), 'Literaturverzeichnis')
  assert.equal(bibliographyHeading('fr', false), 'Références')
  assert.equal(bibliographyHeading('es', true), 'Bibliografía')
  assert.equal(bibliographyHeading('it', false), 'Riferimenti bibliografici')
  assert.equal(bibliographyHeading('nl', true), 'Bibliografie')
  assert.equal(bibliographyHeading('zz', false), 'References')
})
