import type { FootnoteDefinition, Nodes, Parent, Root } from 'mdast'
import { visit as visitTree } from 'unist-util-visit'
import type { CitationNode } from './parse-citations.ts'

/** A citation in the book's reading order, with the footnote it is in or will become. */
export interface CitationOccurrence {
  readonly node: CitationNode
  readonly parent: Parent
  /** The chapter the citation is in. */
  readonly chapterIndex: number
  /** Book-wide footnote number: the manuscript footnote holding it, or the note it becomes; 0 in running text of in-text styles. */
  readonly noteIndex: number
  /** The citation is inside one of the manuscript's own footnotes. */
  readonly inFootnote: boolean
}

/**
 * List the citations of all chapters in the order a reader meets them, each
 * footnote's citations at the point where the footnote is called (CSL's note
 * numbers drive ibid. and short forms). Footnote numbers run across the
 * book, counting the manuscript's own footnotes and, for note styles, the
 * notes citations will become (those for which `becomesNote` is true).
 */
export function orderCitations(trees: readonly Root[], becomesNote: (node: CitationNode) => boolean): CitationOccurrence[] {
  const occurrences: CitationOccurrence[] = []
  let counter = 0
  trees.forEach((tree, chapterIndex) => {
    const definitions = new Map<string, FootnoteDefinition>()
    visitTree(tree, 'footnoteDefinition', (node) => {
      if (!definitions.has(node.identifier.toUpperCase())) definitions.set(node.identifier.toUpperCase(), node)
    })
    const called = new Set<string>()
    const visit = (node: Nodes, parent: Parent | undefined, noteIndex: number) => {
      if (node.type === 'footnoteDefinition' && noteIndex === 0) return
      if (node.type === 'footnoteReference') {
        const id = node.identifier.toUpperCase()
        if (called.has(id)) return
        called.add(id)
        const number = ++counter
        const definition = definitions.get(id)
        if (definition) for (const child of definition.children) visit(child, definition, number)
        return
      }
      if ((node as { type: string }).type === 'citation' && parent) {
        const citation = node as unknown as CitationNode
        const index = noteIndex > 0 ? noteIndex : becomesNote(citation) ? ++counter : 0
        occurrences.push({ node: citation, parent, chapterIndex, noteIndex: index, inFootnote: noteIndex > 0 })
        return
      }
      if ('children' in node) for (const child of node.children) visit(child as Nodes, node, noteIndex)
    }
    visit(tree, undefined, 0)
    // Footnotes never called are not printed; their citations still need a rendering.
    for (const [id, definition] of definitions) {
      if (called.has(id)) continue
      const number = ++counter
      for (const child of definition.children) visit(child, definition, number)
    }
  })
  return occurrences
}
