import { createRequire } from 'node:module'
import type { Fixture } from './read-fixture.ts'
import { defaultLocale, fixtureLocale } from './fixture-locales.ts'
import { bibliographyEntries, normalizeHtml } from './normalize-output.ts'

// citeproc-js itself, driven as its own test runner drives it (citeproc-js
// tests/fixtures/run.js: updateItems, then makeCitationCluster per
// CITATION-ITEMS cluster or processCitationCluster per CITATIONS step):
// the reference samizdat's path is compared with.
const require = createRequire(import.meta.url)
// biome-ignore lint/suspicious/noExplicitAny: citeproc-js ships no types; only its documented API is used here.
const CSL = require('citeproc') as any

/** What citeproc-js prints for a fixture: one line per citation, or the bibliography's entries. */
export function runCiteproc(fixture: Fixture): string[] {
  const items = new Map(fixture.input.map((item) => [String(item.id), item]))
  const sys = {
    retrieveLocale: (lang: string) => fixtureLocale(lang).xml,
    retrieveItem: (id: string | number) => items.get(String(id)),
  }
  const engine = new CSL.Engine(sys, fixture.csl, defaultLocale(fixture.csl))
  const ids = fixture.input.map((item) => item.id)
  if (!fixture.citations) engine.updateItems(ids)
  const lines: string[] = []
  if (fixture.citations) {
    let result: Array<[number, string]> = []
    for (const [citation, pre, post] of fixture.citations) result = engine.processCitationCluster(citation, pre, post)[1]
    const updated = new Map(result.map(([index, text]) => [index, text]))
    engine.registry.citationreg.citationByIndex.forEach((citation: { sortedItems: unknown }, index: number) => {
      lines.push(updated.get(index) ?? engine.process_CitationCluster.call(engine, citation.sortedItems))
    })
  } else {
    const clusters = fixture.citationItems ?? [ids.map((id) => ({ id }))]
    for (const cluster of clusters) lines.push(engine.makeCitationCluster(cluster))
  }
  if (fixture.mode === 'bibliography') {
    const bibliography = engine.makeBibliography()
    return bibliography ? bibliographyEntries(bibliography[0].bibstart + bibliography[1].join('') + bibliography[0].bibend) : []
  }
  return lines.map((line) => normalizeHtml(line))
}
