// Each bundled style against pandoc 2.17 `--citeproc` on the same manuscript,
// .bib and .csl. The expected HTML is pandoc's, stored once in
// tests/fixtures/citations/pandoc/; `UPDATE=1` regenerates it (needs pandoc).
// Both sides are reduced to text (tags and note numbers stripped, spaces and
// quotes normalised): running text, notes in order, bibliography entries.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { Element, ElementContent, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { citeFixture, hasClass } from './cite-fixture.ts'

const fixture = fileURLToPath(new URL('../../fixtures/citations/', import.meta.url))
const stylesDir = fileURLToPath(new URL('../../../styles/csl/', import.meta.url))
const styles = ['chicago-note-bibliography', 'chicago-author-date', 'apa', 'modern-language-association'] as const

/**
 * Differences accepted, per style: [pandoc's text, ours, why]. Pandoc 2.17
 * formats with its own Haskell citeproc; samizdat with citeproc-js.
 */
const accepted: Record<(typeof styles)[number], readonly (readonly [string, string, string])[]> = {
  'chicago-note-bibliography': [
    [
      '"Report of the Presidential Commission on the Space Shuttle Challenger Accident".',
      '"Report of the Presidential Commission on the Space Shuttle Challenger Accident."',
      // The note's closing period after a quoted title: citeproc-js moves it inside
      // the quotation marks, as en-US's punctuation-in-quote="true" asks (and CMOS
      // 6.9 prints); pandoc 2.17 leaves it outside.
      'punctuation-in-quote at the end of a note',
    ],
  ],
  'chicago-author-date': [
    [
      '(Doe 2020a, 2020b)',
      '(Doe 2020a; 2020b)',
      // The style sets after-collapse-delimiter="; " and no cite-group-delimiter.
      // citeproc-js (CSL.getSpliceDelimiter) then joins one author's years with
      // "; "; pandoc uses CSL's default cite-group delimiter ", ", as CMOS 15.30
      // prints it. A citeproc-js behaviour, left as is rather than patching styles.
      'citeproc-js year-collapse delimiter',
    ],
  ],
  apa: [],
  'modern-language-association': [],
}

interface Extract {
  readonly body: string[]
  readonly notes: string[]
  readonly bibliography: string[]
}

const isNoteCall = (element: Element) =>
  element.properties['dataFootnoteRef'] !== undefined || element.properties['dataFootnoteBackref'] !== undefined || hasClass(element, 'footnote-ref') || hasClass(element, 'footnote-back')
const isNotes = (element: Element) => element.properties['dataFootnotes'] !== undefined || hasClass(element, 'footnotes')

function plain(nodes: readonly ElementContent[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.value : node.type === 'element' && !isNoteCall(node) ? plain(node.children) : '')).join('')
}

const normalise = (value: string) =>
  value
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()

function extract(trees: readonly (Root | Element)[]): Extract {
  const result: Extract = { body: [], notes: [], bibliography: [] }
  const walk = (node: Root | Element, place: 'body' | 'notes' | 'refs') => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      if (isNotes(child)) walk(child, 'notes')
      else if (child.properties['id'] === 'refs') walk(child, 'refs')
      else if (place === 'refs' && hasClass(child, 'csl-entry')) result.bibliography.push(normalise(plain(child.children)))
      else if (place === 'notes' && child.tagName === 'li') result.notes.push(normalise(plain(child.children)))
      else if (place === 'body' && /^(p|h1)$/.test(child.tagName)) result.body.push(normalise(plain(child.children)))
      else walk(child, place)
    }
  }
  for (const tree of trees) walk(tree, 'body')
  return result
}

function pandocHtml(style: string): string {
  const file = path.join(fixture, 'pandoc', `${style}.html`)
  if (process.env['UPDATE']) {
    const csl = path.join(stylesDir, `${style}.csl`)
    const args = ['--citeproc', '--bibliography', 'refs.bib', '--bibliography', 'refs.json', '-M', 'lang=en-US', '-M', 'link-citations=true']
    const html = execFileSync('pandoc', [...args, '--csl', csl, '-t', 'html', 'chapter-1.md', 'chapter-2.md'], { cwd: fixture, encoding: 'utf8' })
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, html)
  }
  return readFileSync(file, 'utf8')
}

for (const style of styles) {
  test(`${style}: citations and bibliography match pandoc --citeproc`, async () => {
    const expected = extract([fromHtml(pandocHtml(style), { fragment: true })])
    const { hast, result } = await citeFixture(fixture, { csl: style })
    // Our end-of-book bibliography has a heading, pandoc's none: compare the entries.
    const actual = extract([...hast, { type: 'root', children: result.bibliography ? [result.bibliography] : [] }])
    const apply = (value: string) => accepted[style].reduce((text, [theirs, ours]) => text.replace(theirs, ours), value)
    assert.deepEqual(actual.body, expected.body.map(apply), 'running text')
    assert.deepEqual(actual.notes, expected.notes.map(apply), 'notes')
    assert.deepEqual(actual.bibliography, expected.bibliography.map(apply), 'bibliography')
  })
}
