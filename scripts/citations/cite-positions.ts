import { Position, type ProcessedCitation, type RegistryEntry, type SortedItem } from './citeproc-internals.ts'

/** What one sequence of citations (running text, or notes) remembers of its earlier citations. */
interface Sequence {
  previous: ProcessedCitation | undefined
  beforePrevious: ProcessedCitation | undefined
  readonly firstNote: Map<string, number>
  readonly lastNote: Map<string, number>
  readonly firstContainerNote: Map<string, number>
}

const sequence = (): Sequence => ({
  previous: undefined,
  beforePrevious: undefined,
  firstNote: new Map(),
  lastNote: new Map(),
  firstContainerNote: new Map(),
})

/**
 * Set the CSL position variables (position, near-note,
 * first-reference-note-number) on each citation's cites, citation by citation
 * in document order, remembering only what later citations look back at: the
 * one-pass equivalent of the loop citeproc-js's processCitationCluster runs
 * over every earlier citation of the book (citeproc 2.4.x). Running text
 * (note 0) and notes are two sequences, as there. Note numbers must not
 * decrease (citeproc starts afresh where they do), and legal styles'
 * statute sets (citeproc's `consolidate_legal_items`) are not followed.
 * https://docs.citationstyles.org/en/stable/specification.html#position
 */
export function citePositions(nearNoteDistance: number, registry: Record<string, RegistryEntry | undefined>): (citation: ProcessedCitation) => void {
  const sequences = [sequence(), sequence()] as const
  // citeproc counts the cites in each note across both sequences (running text is note 0).
  const citesInNote = new Map<number, number>()
  return (citation) => {
    const noteIndex = citation.properties.noteIndex
    const seq = sequences[noteIndex ? 1 : 0]
    citesInNote.set(noteIndex, (citesInNote.get(noteIndex) ?? 0) + citation.sortedItems.length)
    for (const [k, item] of citation.sortedItems.entries()) setPosition(item, k, citation, seq, citesInNote, nearNoteDistance, registry)
    seq.beforePrevious = seq.previous
    seq.previous = citation
  }
}

// A line-by-line port of citeproc's per-cite rules, kept in its order so the two can be compared.
function setPosition(
  item: SortedItem,
  k: number,
  citation: ProcessedCitation,
  seq: Sequence,
  citesInNote: ReadonlyMap<number, number>,
  nearNoteDistance: number,
  registry: Record<string, RegistryEntry | undefined>,
) {
  const [work, cite] = item
  const noteIndex = citation.properties.noteIndex
  const authorOnly = citation.properties.mode === 'author-only'
  // Chapters of a container count near-note distance from any of it (legal styles' `track-containers`).
  const firstId = work.id
  const lastId = work.container_id || work.id
  cite['first-reference-note-number'] = 0
  cite['first-container-reference-note-number'] = 0
  cite['near-note'] = false
  if (!seq.lastNote.has(lastId) && !authorOnly) {
    seq.firstNote.set(firstId, noteIndex)
    seq.lastNote.set(lastId, noteIndex)
    seq.firstContainerNote.set(lastId, noteIndex)
    cite.position = Position.first
  } else {
    let ibid = isIbidCandidate(item, k, citation, seq, citesInNote)
    let subsequent = !ibid
    if (ibid) {
      const previous = (k > 0 ? citation.sortedItems[k - 1]! : seq.previous!.sortedItems[0]!)[1]
      const previousLocator = previous.locator ? `${previous.locator}${previous.label || ''}` : previous.locator
      const locator = cite.locator ? `${cite.locator}${cite.label || ''}` : cite.locator
      if (!previousLocator && locator) cite.position = Position.ibidWithLocator
      else if (!previousLocator && !locator) cite.position = Position.ibid
      else if (previousLocator && locator === previousLocator) cite.position = Position.ibid
      else if (previousLocator && locator && locator !== previousLocator) cite.position = Position.ibidWithLocator
      else {
        // The earlier cite had a locator and this one has none: ibid. would point at that page.
        ibid = false
        subsequent = true
      }
    }
    if (subsequent) {
      cite.position = Position.containerSubsequent
      if (!seq.firstNote.has(firstId)) seq.firstNote.set(firstId, noteIndex)
      else cite.position = Position.subsequent
    }
    if (authorOnly) cite.position = Position.first
    const entry = registry[work.id]
    const firstContainer = seq.firstContainerNote.get(lastId)
    if (firstContainer !== noteIndex) {
      cite['first-container-reference-note-number'] = firstContainer as number
      if (entry) entry['first-container-reference-note-number'] = firstContainer as number
    }
    const first = seq.firstNote.get(firstId)
    if (first !== noteIndex) {
      cite['first-reference-note-number'] = first as number
      if (entry) entry['first-reference-note-number'] = first as number
    }
  }
  if (noteIndex) {
    const distance = noteIndex - (seq.lastNote.get(lastId) ?? Number.NaN)
    if (cite.position !== Position.first && distance <= nearNoteDistance) cite['near-note'] = true
    seq.lastNote.set(lastId, noteIndex)
  } else if (cite.position !== Position.first) {
    cite['near-note'] = true
  }
}

/** citeproc's three ways a cite follows the same work directly: the previous note, the previous cite of this citation, the previous citation of this note. */
function isIbidCandidate(
  item: SortedItem,
  k: number,
  citation: ProcessedCitation,
  seq: Sequence,
  citesInNote: ReadonlyMap<number, number>,
): boolean {
  const [work, cite] = item
  const previous = seq.previous
  const noteIndex = citation.properties.noteIndex
  if (previous && k === 0 && previous.properties.noteIndex !== noteIndex) {
    const [before, beforeCite] = previous.sortedItems[0]!
    if (before.id !== work.id || previous.properties.noteIndex < noteIndex - 1) return false
    const alone = citesInNote.get(previous.properties.noteIndex) === 1 || previous.properties.noteIndex === 0
    return alone && beforeCite['locator-extra'] === citation.sortedItems[0]![1]['locator-extra']
  }
  if (k > 0) {
    const before = citation.sortedItems[k - 1]![1]
    return before.id === work.id && before['locator-extra'] === cite['locator-extra']
  }
  if (!previous || previous.properties.noteIndex !== noteIndex || previous.sortedItems.length === 0) return false
  // The last cite of the previous citation, or of the one before an author-only citation.
  const last = (previous.properties.mode === 'author-only' && seq.beforePrevious ? seq.beforePrevious : previous).sortedItems.at(-1)
  return last?.[1].id === work.id && last[1]['locator-extra'] === cite['locator-extra']
}
