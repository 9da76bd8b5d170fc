import type { CiteprocCitation, CiteprocEngine } from '@citation-js/core'

// The parts of citeproc-js's engine (CSL.Engine, citeproc 2.4.x) that samizdat's one-pass
// rebuild drives directly: citeproc-js documents only processCitationCluster and
// rebuildProcessorState, whose own rebuild is quadratic. tests/unit/citations/citations-rebuild.test.ts
// checks the one-pass rebuild against rebuildProcessorState for every style samizdat covers.

/** A work as citeproc holds it (`Item`): CSL-JSON plus its own keys for legal styles. */
export interface CiteprocItem {
  readonly id: string
  readonly legislation_id?: string
  readonly container_id?: string
}

/** One cite as citeproc holds it once prepared (`item`): the cite's fields and the position variables citeproc sets. */
export interface CiteprocCite {
  id: string
  locator?: string
  label?: string
  'locator-extra'?: string
  position?: number
  'near-note'?: boolean
  'first-reference-note-number'?: number
  'first-container-reference-note-number'?: number
  sortkeys?: unknown
}

/** A cite paired with its work, as citeproc sorts and renders them. */
export type SortedItem = [CiteprocItem, CiteprocCite]

/** A citation once processCitationCluster has prepared it. */
export interface ProcessedCitation extends CiteprocCitation {
  properties: CiteprocCitation['properties'] & { index?: number; unsorted?: boolean }
  sortedItems: SortedItem[]
}

/** Per work: citeproc's registry entry (`state.registry.registry[id]`). */
export interface RegistryEntry {
  ambig: string
  'citation-count'?: number
  'first-reference-note-number'?: number
  'first-container-reference-note-number'?: number
}

/** The engine with the internals the one-pass rebuild reads and sets. */
export interface CiteprocInternals extends CiteprocEngine {
  opt: CiteprocEngine['opt'] & {
    mode: string
    xclass: string
    update_mode: number
    has_disambiguate: boolean
    citation_number_sort: boolean
    parallel: { enable: boolean }
  }
  sys: { variableWrapper?: unknown }
  citation: { opt: { 'near-note-distance'?: number | string; collapse?: string | string[] | undefined; cite_group_delimiter?: string | undefined } }
  citation_sort: { tokens: unknown[] }
  registry: CiteprocEngine['registry'] & {
    registry: Record<string, (RegistryEntry & { seq: number }) | undefined>
    citationreg: {
      citationByIndex: ProcessedCitation[]
      citationById: Record<string, ProcessedCitation>
      citationsByItemId: Record<string, ProcessedCitation[]>
    }
  }
  tmp: { citation_pos: number; citation_note_index: number; citation_id: string; taintedItemIDs: Record<string, boolean> }
  disambiguate: { run(akey: string): void }
  updateItems(ids: string[]): void
  setOutputFormat(mode: string): void
  processCitationCluster(citation: CiteprocCitation, pre: [string, number][], post: [string, number][], flag?: number): unknown
  process_CitationCluster(sortedItems: SortedItem[], citation: ProcessedCitation): string
}

/** citeproc's `CSL.POSITION_*` (https://docs.citationstyles.org/en/stable/specification.html#position). */
export const Position = { first: 0, subsequent: 1, ibid: 2, ibidWithLocator: 3, containerSubsequent: 4 } as const

/** citeproc's `state.opt.update_mode` values: what a new citation may change in others. */
export const UpdateMode = { none: 0, numeric: 1, position: 2 } as const

/** citeproc's `CSL.ASSUME_ALL_ITEMS_REGISTERED` flag to processCitationCluster. */
export const assumeAllItemsRegistered = 2

/** The engine's internals, when they have the shape the one-pass rebuild expects (citeproc 2.4.x). */
export function citeprocInternals(engine: CiteprocEngine): CiteprocInternals | undefined {
  const candidate = engine as Partial<CiteprocInternals>
  const ok =
    typeof candidate.processCitationCluster === 'function' &&
    typeof candidate.process_CitationCluster === 'function' &&
    typeof candidate.updateItems === 'function' &&
    typeof candidate.setOutputFormat === 'function' &&
    typeof candidate.disambiguate?.run === 'function' &&
    typeof candidate.opt?.update_mode === 'number' &&
    typeof candidate.registry?.citationreg === 'object' &&
    typeof candidate.tmp === 'object' &&
    Array.isArray(candidate.citation_sort?.tokens)
  return ok ? (candidate as CiteprocInternals) : undefined
}
