import type { CiteprocCitation, CiteprocEngine } from '@citation-js/core'
import { citePositions } from './cite-positions.ts'
import { assumeAllItemsRegistered, type CiteprocInternals, citeprocInternals, type ProcessedCitation, UpdateMode } from './citeproc-internals.ts'

/**
 * Render a book's citations in document order, as citeproc-js's
 * `rebuildProcessorState(citations, 'html', nocite)` does, in time linear in
 * the number of citations. citeproc hands each citation every earlier one and
 * walks them all again for positions (quadratic: minutes for a long book);
 * here each goes in alone and {@link citePositions} carries what the earlier
 * ones decide. Styles or data this does not follow exactly (legal statute
 * sets, parallel cites, numeric styles sorting cites that also use positions)
 * take citeproc's own rebuild. Returns each citation's HTML.
 */
export function rebuildCitations(engine: CiteprocEngine, citations: readonly CiteprocCitation[], nocite: readonly string[]): string[] {
  const state = citeprocInternals(engine)
  if (!state || !onePassFollows(state, citations)) {
    const output = engine.rebuildProcessorState([...citations], 'html', [...nocite])
    return citations.map((_, index) => output[index]?.[2] ?? '')
  }
  const ids = [...new Set(citations.flatMap((citation) => citation.citationItems.map((item) => String(item.id))))]
  state.updateItems(ids)
  // Uncited works (nocite) take part in disambiguation from the start, as in citeproc's own rebuild:
  // a year suffix a nocite work forces shows in the citations too (Westfahl 2000a).
  if (nocite.length > 0) state.updateUncitedItems([...nocite])
  const { opt } = state
  const oldMode = opt.mode
  const updateMode = opt.update_mode
  state.setOutputFormat('html')
  const render = ungroupedWhenUnsorted(state, state.process_CitationCluster)
  const output: string[] = []
  const before = oneCitationAtATime(state, (citation, index) => {
    output[index] = render.call(state, citation.sortedItems, citation)
  })
  // With update_mode off, processCitationCluster leaves positions to us. Only for position styles:
  // a numeric style's mode also decides how its rendering collapses numbers.
  if (updateMode === UpdateMode.position) opt.update_mode = UpdateMode.none
  try {
    citations.forEach((citation, index) => {
      // Positions go in between citeproc sorting a citation's cites and rendering them.
      state.process_CitationCluster = (sortedItems, processed) => {
        if (processed !== citation) return render.call(state, sortedItems, processed)
        before(processed, index, updateMode)
        return (output[index] = render.call(state, sortedItems, processed))
      }
      state.processCitationCluster(citation, [], [], assumeAllItemsRegistered)
    })
  } finally {
    opt.update_mode = updateMode
    delete (state as Partial<CiteprocInternals>).process_CitationCluster
  }
  state.updateUncitedItems([...nocite])
  state.setOutputFormat(oldMode)
  return output
}

/**
 * A citation kept in its written order (a cite with a prefix) is not grouped
 * by author either: pandoc prints `see Moore 1965; also Moore 1998`, where
 * citeproc's cite grouping (`collapse`, `cite-group-delimiter`) would print
 * `also 1998`. The style's options are off while that citation renders.
 */
function ungroupedWhenUnsorted(state: CiteprocInternals, render: CiteprocInternals['process_CitationCluster']): CiteprocInternals['process_CitationCluster'] {
  return function (this: CiteprocInternals, sortedItems, citation) {
    if (!citation?.properties.unsorted) return render.call(this, sortedItems, citation)
    const options = state.citation.opt
    const { collapse, cite_group_delimiter: groupDelimiter } = options
    options.collapse = []
    options.cite_group_delimiter = ''
    try {
      return render.call(this, sortedItems, citation)
    } finally {
      options.collapse = collapse
      options.cite_group_delimiter = groupDelimiter
    }
  }
}

/** Whether the one-pass rebuild gives citeproc's output for these citations in this style. */
function onePassFollows(state: CiteprocInternals, citations: readonly CiteprocCitation[]): boolean {
  const { opt } = state
  if (opt.parallel.enable || opt.development_extensions['consolidate_legal_items'] || state.sys.variableWrapper) return false
  if (opt.update_mode !== UpdateMode.position) return true
  // citeproc sorts a numeric style's cites after positions, and re-sorts the citations it re-renders.
  if (opt.citation_number_sort || (reRenders(state) && state.citation_sort.tokens.length > 0)) return false
  let note = 0
  for (const citation of citations) {
    if (citation.citationItems.length === 0 || citation.properties.mode === 'composite') return false
    const index = citation.properties.noteIndex
    if (index && index < note) return false
    if (index) note = index
  }
  return true
}

/** citeproc re-renders earlier citations (after disambiguating again) when a work is cited a second time: note styles testing `disambiguate`. */
const reRenders = (state: CiteprocInternals) => state.opt.xclass === 'note' && state.opt.has_disambiguate

/**
 * What processCitationCluster does around rendering each citation once it
 * no longer walks the earlier ones: keep the book's citation registry whole
 * (disambiguation reads it), set positions, and, as citeproc does when a work
 * reaches its second citation, disambiguate its works again and re-render
 * their earlier citations.
 */
function oneCitationAtATime(state: CiteprocInternals, reRender: (citation: ProcessedCitation, index: number) => void) {
  const byIndex: ProcessedCitation[] = []
  const byId: Record<string, ProcessedCitation> = {}
  const byItemId: Record<string, ProcessedCitation[]> = {}
  const indexOf = new Map<ProcessedCitation, number>()
  // Where citeproc's walk (running text first, then notes) first meets each work: the order of its re-renders.
  const firstMet = new Map<string, [sequence: number, index: number, cite: number]>()
  const positions = citePositions(Number(state.citation.opt['near-note-distance'] ?? 5), state.registry.registry)
  return (citation: ProcessedCitation, index: number, updateMode: number) => {
    citation.properties.index = index
    byIndex.push(citation)
    byId[citation.citationID] = citation
    indexOf.set(citation, index)
    for (const item of citation.citationItems) {
      const list = (byItemId[item.id] ??= [])
      if (list.at(-1) !== citation) list.push(citation)
    }
    Object.assign(state.registry.citationreg, { citationByIndex: byIndex, citationById: byId, citationsByItemId: byItemId })
    if (updateMode !== UpdateMode.position) return
    positions(citation)
    if (!reRenders(state)) return
    const sequence = citation.properties.noteIndex ? 1 : 0
    citation.sortedItems.forEach(([work], k) => {
      const met = firstMet.get(work.id)
      if (!met || sequence < met[0]) firstMet.set(work.id, [sequence, index, k])
    })
    // citeproc's count test: a work's first citation, and its second (`citation-count` crosses 2).
    const counted = citation.sortedItems
      .map(([work]) => work.id)
      .filter((id, at, all) => all.indexOf(id) === at)
      .filter((id) => {
        const entry = state.registry.registry[id]!
        const count = byItemId[id]!.length
        const old = entry['citation-count']
        entry['citation-count'] = count
        return old === undefined || old < 2 !== count < 2
      })
      .sort((a, b) => compareMet(firstMet.get(a)!, firstMet.get(b)!))
    const akeys = new Set(counted.map((id) => state.registry.registry[id]!.ambig))
    const tainted = new Set(counted.flatMap((id) => byItemId[id]!))
    for (const akey of akeys) state.disambiguate.run(akey)
    // citeproc drops the works these runs mark for re-rendering (it has gathered its list already).
    state.tmp.taintedItemIDs = {}
    for (const earlier of tainted) {
      if (earlier === citation) continue
      // citeproc re-sorts a re-rendered citation; with no citation sort in the style (checked) the order stays.
      state.tmp.citation_pos = indexOf.get(earlier)!
      state.tmp.citation_note_index = earlier.properties.noteIndex
      state.tmp.citation_id = earlier.citationID
      reRender(earlier, indexOf.get(earlier)!)
    }
    state.tmp.citation_pos = index
    state.tmp.citation_note_index = citation.properties.noteIndex
    state.tmp.citation_id = citation.citationID
  }
}

const compareMet = (a: readonly number[], b: readonly number[]) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!
