import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import type { Root } from 'mdast'
import { toString as mdastText } from 'mdast-util-to-string'
import { createMarkdownParser } from '../../../scripts/read/manuscript-to-mdast.ts'

// Real sentences in each language (the file name is the book's `lang`), read
// as samizdat reads a chapter; the expected text is in `<lang>.txt`, one
// paragraph a line, with the invisible spaces written out (⍽ U+202F narrow
// no-break space, ~ U+00A0 no-break space). `UPDATE=1` rewrites the
// expectations: read the diff before committing it.
const dir = path.join(import.meta.dirname, '..', '..', 'fixtures', 'read', 'punctuation')

function read(markdown: string, lang: string, quotes?: string): string {
  const parser = createMarkdownParser(lang, quotes)
  const tree = parser.runSync(parser.parse(markdown)) as Root
  return tree.children.map((node) => mdastText(node).replaceAll('\u202F', '⍽').replaceAll('\u00A0', '~')).join('\n') + '\n'
}

for (const file of readdirSync(dir).filter((name) => name.endsWith('.md')).sort()) {
  const lang = file.slice(0, -3)
  test(`punctuation in ${lang}`, () => {
    const actual = read(readFileSync(path.join(dir, file), 'utf8'), lang)
    const expectedFile = path.join(dir, `${lang}.txt`)
    if (process.env['UPDATE']) writeFileSync(expectedFile, actual)
    assert.equal(actual, readFileSync(expectedFile, 'utf8'))
  })
}

test('apostrophes are ’ in every language; no quotation mark stands for one', () => {
  const cases: [string, string, string][] = [
    ['fr', "C'est l'outil qu'il faut", 'C’est l’outil qu’il faut'],
    ['de', "Wie geht's? So war's.", 'Wie geht’s? So war’s.'],
    ['it', "un po' di carta", 'un po’ di carta'],
    ['nl', "'s Avonds en 't is laat", '’s Avonds en ’t is laat'],
    ['ru', "О'Нил", 'О’Нил'],
    ['en', "'Tis the '90s, isn't it?", '’Tis the ’90s, isn’t it?'],
  ]
  for (const [lang, markdown, expected] of cases) assert.equal(read(markdown, lang), `${expected}\n`, lang)
})

test('quotes follow the nearest `lang`: a node’s hProperties.lang, or an inline <span lang>', () => {
  const parser = createMarkdownParser('en')
  const tree = parser.parse('He said "hello" and "bonjour, l\'ami" then "ciao".') as Root
  const paragraph = tree.children[0] as import('mdast').Paragraph
  // What issue 15's `[…]{lang=fr}` gives: an inline node whose HTML properties carry the language.
  const [before, ...rest] = paragraph.children
  const text = (before as import('mdast').Text).value
  const at = text.indexOf('"bonjour')
  const end = text.indexOf('" then') + 1
  paragraph.children = [
    { type: 'text', value: text.slice(0, at) },
    { type: 'emphasis', data: { hProperties: { lang: 'fr' } }, children: [{ type: 'text', value: text.slice(at, end) }] },
    { type: 'text', value: text.slice(end) },
    ...rest,
  ]
  const result = parser.runSync(tree) as Root
  assert.equal(mdastText(result), 'He said “hello” and «\u202Fbonjour, l’ami\u202F» then “ciao”.')
  assert.equal(read('Er sagte <span lang="fr">"oui"</span> und "ja".', 'de'), 'Er sagte <span lang="fr">«⍽oui⍽»</span> und „ja“.\n')
})

test('the book’s quote preference: single or double first, or four marks', () => {
  assert.equal(read('"Outer \'inner\' text"', 'en-GB'), '‘Outer “inner” text’\n')
  assert.equal(read('"Outer \'inner\' text"', 'en-GB', 'double'), '“Outer ‘inner’ text”\n')
  assert.equal(read('"Outer \'inner\' text"', 'en-US', 'single'), '‘Outer “inner” text’\n')
  assert.equal(read('"Außen \'innen\' Text"', 'de', 'single'), '‚Außen „innen“ Text‘\n')
  assert.equal(read('"Fuera \'dentro\' texto"', 'es', '«»“”'), '«Fuera “dentro” texto»\n')
})

test('an author’s own typographic characters are never changed', () => {
  assert.equal(read('« Déjà » — l’outil “anglais” ; ‹ ceci ›', 'fr'), '«⍽Déjà⍽» — l’outil “anglais”⍽; ‹⍽ceci⍽›\n')
  assert.equal(read('„Schon“ – ‚so‘ und ’s ist gut', 'de'), '„Schon“ – ‚so‘ und ’s ist gut\n')
  assert.equal(read('Il dit\u00A0: non\u00A0!', 'fr'), 'Il dit~: non~!\n')
})

test('pandoc’s spans and divs with `lang` (`[texte]{lang=fr}`, `::: {lang=de}`) set their text’s punctuation', () => {
  assert.equal(read('He said "hello" and [c\'est "la vie"]{lang=fr} then "ciao".', 'en-GB'), 'He said ‘hello’ and c’est «⍽la vie⍽» then ‘ciao’.\n')
  assert.equal(read('::: {lang=de}\nEr sagte: "Wie geht\'s?"\n:::\n\nAnd "English" again.', 'en-US'), 'Er sagte: „Wie geht’s?“\nAnd “English” again.\n')
})
