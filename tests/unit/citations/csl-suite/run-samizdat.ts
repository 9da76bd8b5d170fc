import type { CslItem } from '@citation-js/core'
import { VFile } from 'vfile'
import { capitalizeFirst } from '../../../../scripts/citations/citation-nodes.ts'
import { type ClusterRequest, type CiteRequest, createCitationRegistry } from '../../../../scripts/citations/citation-registry.ts'
import { cslStyleFromXml } from '../../../../scripts/citations/load-csl-style.ts'
import type { Reference, References } from '../../../../scripts/citations/load-references.ts'
import { defaultLocale, fixtureLocale } from './fixture-locales.ts'
import type { Fixture, FixtureCite } from './read-fixture.ts'
import { bibliographyEntries, normalizeHtml } from './normalize-output.ts'

/**
 * What samizdat prints for a fixture, through the path a book takes: its
 * references, one registry, every cluster of the "document" rendered at once
 * (one-pass positions, in reading order) and the bibliography. A
 * `CITATION-ITEMS` cluster is a note of its own (note styles) or a cite in
 * running text; `CITATIONS` keep their note numbers and final order.
 */
export function runSamizdat(fixture: Fixture): string[] {
  const locale = fixtureLocale(defaultLocale(fixture.csl))
  const style = cslStyleFromXml(fixture.csl, `${fixture.name}.csl`, { ...locale, isFallback: false })
  const file = new VFile({ path: `${fixture.name}.json` })
  const byKey = new Map<string, Reference>()
  for (const item of fixture.input) byKey.set(String(item.id), { key: String(item.id), item: { ...item, id: String(item.id) } as CslItem, file, place: undefined })
  const references: References = { byKey, files: [file], unreadable: new Map() }
  const registry = createCitationRegistry(references, style)
  const clusters = fixtureClusters(fixture, style.isNoteStyle)
  const nocite = fixture.citations ? [] : [...byKey.keys()]
  const rendered = registry.render(clusters, nocite)
  if (fixture.mode === 'bibliography') {
    const bibliography = registry.bibliography()
    return bibliography ? bibliography.entries.map((entry) => normalizeHtml([entry])) : bibliographyEntries('')
  }
  // A citation that becomes a note starts with a capital, as in a book (citation-nodes.ts): in a note
  // style, one in running text (note 0) or alone in its note; not one of several in a footnote.
  const perNote = new Map<number, number>()
  for (const { noteIndex } of clusters) perNote.set(noteIndex, (perNote.get(noteIndex) ?? 0) + 1)
  const becomesNote = (cluster: ClusterRequest) => style.isNoteStyle && (cluster.noteIndex === 0 || perNote.get(cluster.noteIndex) === 1)
  return rendered.map((nodes, index) => normalizeHtml(becomesNote(clusters[index]!) ? capitalizeFirst(nodes) : nodes))
}

function fixtureClusters(fixture: Fixture, isNoteStyle: boolean): ClusterRequest[] {
  if (fixture.citations) {
    const last = fixture.citations.at(-1)!
    const byId = new Map(fixture.citations.map(([citation]) => [citation.citationID, citation]))
    const order = [...last[1].map(([id]) => id), last[0].citationID, ...last[2].map(([id]) => id)]
    return order.map((id) => {
      const citation = byId.get(id)!
      return cluster(citation.citationItems, citation.properties.noteIndex)
    })
  }
  const clusters = fixture.citationItems ?? [fixture.input.map((item) => ({ id: item.id }))]
  return clusters.map((items, index) => cluster(items, isNoteStyle ? index + 1 : 0))
}

function cluster(items: readonly FixtureCite[], noteIndex: number): ClusterRequest {
  return { items: items.map(citeRequest), noteIndex, authorOnly: items.some((item) => item['author-only'] === true) }
}

function citeRequest(item: FixtureCite): CiteRequest {
  return {
    key: String(item.id),
    prefix: item.prefix ?? '',
    suffix: item.suffix ?? '',
    locator: item.locator,
    label: item.label,
    suppressAuthor: item['suppress-author'] === true,
  }
}
