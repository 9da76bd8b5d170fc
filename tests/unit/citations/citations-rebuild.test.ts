// The one-pass citation rebuild against citeproc-js's own rebuildProcessorState:
// for each style samizdat covers, a long generated book of citations (ibid.,
// locators, notes with several citations, gaps between notes, author-only and
// suppress-author cites, works that need disambiguating) must come out the same,
// cluster for cluster, and so must the bibliography.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { test } from 'node:test'
import { type CiteprocCitation, type CiteprocEngine, type CslItem, plugins } from '@citation-js/core'
import '@citation-js/plugin-csl'
import { loadCslStyle } from '../../../scripts/citations/load-csl-style.ts'
import { rebuildCitations } from '../../../scripts/citations/rebuild-citations.ts'

const systemStyles = '/usr/share/citation-style-language/styles'

const person = (family: string, given: string) => ({ family, given })
const issued = (year: number) => ({ 'date-parts': [[year]] })
const items: CslItem[] = [
  { id: 'daniels1960', type: 'book', title: 'The Conscience of the Revolution', author: [person('Daniels', 'Robert V.')], publisher: 'Harvard University Press', issued: issued(1960) },
  { id: 'doe2020a', type: 'book', title: 'Councils and Committees', author: [person('Doe', 'Jane')], publisher: 'AK Press', issued: issued(2020) },
  { id: 'doe2020b', type: 'book', title: 'Factory Committees', author: [person('Doe', 'Jane')], publisher: 'AK Press', issued: issued(2020) },
  { id: 'doe2020c', type: 'book', title: 'Councils', author: [person('Doe', 'John')], publisher: 'PM Press', issued: issued(2020) },
  { id: 'smith2001', type: 'article-journal', title: 'Rockets at NASA', author: [person('Smith', 'Ann'), person('Café', 'René')], 'container-title': 'J', volume: '3', page: '1-20', DOI: '10.1000/x1', issued: issued(2001) },
  { id: 'smith2001b', type: 'article-journal', title: 'Rockets at NASA', author: [person('Smith', 'Bob')], 'container-title': 'J', issued: issued(2001) },
  { id: 'nasa1986', type: 'report', title: 'Report of the Presidential Commission', author: [{ literal: 'National Aeronautics and Space Administration' }], issued: issued(1986) },
  { id: 'kollontai1977', type: 'chapter', title: 'The Workers’ Opposition', author: [person('Kollontai', 'Alexandra')], editor: [person('Holt', 'Alix')], 'container-title': 'Selected Writings', publisher: 'Allison & Busby', issued: issued(1977) },
  { id: 'anon1921', type: 'pamphlet', title: 'Kronstadt', issued: issued(1921), URL: 'https://example.org/k' },
  { id: 'uncited', type: 'book', title: 'Never Cited', author: [person('Nobody', 'Ann')], issued: issued(1999) },
]
const cited = items.filter((item) => item.id !== 'uncited').map((item) => item.id)

/** A small seeded generator (mulberry32): the same book every run. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A book's clusters as remark-citations makes them: notes numbered up, names-only clusters in running text. */
function makeClusters(count: number, noteStyle: boolean, seed: number): CiteprocCitation[] {
  const next = random(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  const clusters: CiteprocCitation[] = []
  let note = 0
  let recent = pick(cited)
  while (clusters.length < count) {
    // Repeat the last work often, so ibid. and its locator rules get exercised.
    const key = () => (next() < 0.45 ? recent : (recent = pick(cited)))
    const cites = Array.from({ length: next() < 0.8 ? 1 : 2 + Math.floor(next() * 2) }, () => {
      const locator = pick([undefined, undefined, '12', '12', '13', '4–5'])
      return {
        id: key(),
        ...(locator ? { locator, label: pick(['page', 'page', 'chapter']) } : {}),
        ...(next() < 0.1 ? { prefix: 'see ' } : {}),
        ...(next() < 0.1 ? { suffix: ', emphasis added' } : {}),
        ...(next() < 0.08 ? { 'suppress-author': true } : {}),
      }
    })
    const roll = next()
    if (roll < 0.1) {
      // `@key says [p. 3]`: the names in running text, then the cite.
      clusters.push({ citationID: `c${clusters.length}`, citationItems: [{ id: cites[0]!.id }], properties: { noteIndex: 0, mode: 'author-only' } })
    }
    // Gaps (notes without citations), notes with several citations, and for in-text styles citations in running text.
    if (noteStyle || next() < 0.3) note += roll < 0.15 ? 0 : roll < 0.25 ? 3 : 1
    const noteIndex = noteStyle || next() < 0.3 ? Math.max(note, 1) : 0
    clusters.push({ citationID: `c${clusters.length}`, citationItems: cites, properties: { noteIndex } })
  }
  return clusters
}

const csl = plugins.config.get('@csl')

async function engineFor(name: string): Promise<{ engine: () => CiteprocEngine; noteStyle: boolean }> {
  const style = await loadCslStyle({ csl: name, root: process.cwd(), lang: 'en-US', configFile: undefined })
  csl.styles.set(style.id, style.xml)
  csl.locales.set(style.locale.lang, style.locale.xml)
  const engine = () => {
    // citation-js keeps one engine per style and resets it here, as createCitationRegistry relies on.
    const fresh = csl.engine(items, style.id, style.locale.lang, 'html')
    fresh.opt.development_extensions['wrap_url_and_doi'] = true
    return fresh
  }
  return { engine, noteStyle: style.isNoteStyle }
}

const bundled = ['chicago-note-bibliography', 'chicago-author-date', 'apa', 'modern-language-association']
// Ibid. forms, first-reference note numbers (OSCOLA's `(n 3)`), near-note, numeric styles.
const system = [
  'chicago-note-bibliography-with-ibid',
  'chicago-fullnote-bibliography-with-ibid',
  'oscola',
  'modern-humanities-research-association',
  'journal-of-the-warburg-and-courtauld-institutes',
  'ieee',
  'vancouver',
  // An in-text style with ibid.: the cite after an author-only one looks past it.
  'historical-materialism',
]

for (const name of [...bundled, ...system]) {
  const skip = !bundled.includes(name) && !existsSync(`${systemStyles}/${name}.csl`) && `needs ${systemStyles}`
  test(`one-pass rebuild renders as citeproc's rebuildProcessorState: ${name}`, { skip }, async () => {
    const { engine, noteStyle } = await engineFor(name)
    for (const seed of [1, 2]) {
      const clusters = makeClusters(400, noteStyle, seed)
      const nocite = ['uncited']
      const reference = engine()
      const expected = reference.rebuildProcessorState(structuredClone(clusters), 'html', nocite).map((entry) => entry[2])
      const expectedBibliography = reference.makeBibliography()
      const onePass = engine()
      let quadratic = 0
      const rebuild = onePass.rebuildProcessorState
      onePass.rebuildProcessorState = (...args) => {
        quadratic += 1
        return rebuild.apply(onePass, args)
      }
      const actual = rebuildCitations(onePass, structuredClone(clusters), nocite)
      delete (onePass as Partial<CiteprocEngine>).rebuildProcessorState
      assert.equal(quadratic, 0, 'the style takes the one-pass rebuild')
      assert.equal(actual.length, expected.length)
      for (const [index, html] of expected.entries()) assert.equal(actual[index], html, `cluster ${index} (seed ${seed})`)
      assert.deepEqual(onePass.makeBibliography(), expectedBibliography)
    }
  })
}
