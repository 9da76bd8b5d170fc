import type { Element, Root } from 'hast'
import { h } from 'hastscript'
import { headingRank } from 'hast-util-heading-rank'
import type { Plugin } from 'unified'
import { eachElement, skipChildren } from '../lib/each-element.ts'

/** Options for {@link rehypeSectionNumbers}. */
export interface SectionNumberOptions {
  /** Number headings at all (`numberSections` in book.yaml). */
  readonly enabled: boolean
  /** Deepest heading rank that gets a number. */
  readonly depth?: number
}

/**
 * Number chapters (`h1`) and their sections across the book, as the source
 * text numbers its sections: `1`, `1.1`, … A heading with the class
 * `unnumbered` (pandoc's `{-}`) keeps no number and does not count.
 */
const rehypeSectionNumbers: Plugin<[SectionNumberOptions], Root> = (options) => {
  const depth = options.depth ?? 2
  const counters: number[] = []
  return (tree) => {
    if (!options.enabled) return
    eachElement(tree, (node: Element) => {
      // The notes section's hidden heading is not a section of the text.
      if (node.tagName === 'section' && node.properties['dataFootnotes'] !== undefined) return skipChildren
      const rank = headingRank(node)
      if (!rank || rank > depth) return undefined
      const classes = node.properties['className']
      if (Array.isArray(classes) && classes.includes('unnumbered')) return undefined
      counters.length = rank
      for (let index = 0; index < rank; index++) counters[index] ??= 0
      counters[rank - 1]! += 1
      const number = counters.join('.')
      node.properties['dataNumber'] = number
      node.children.unshift(h('span.secno', number), { type: 'text', value: ' ' })
      return undefined
    })
  }
}

export default rehypeSectionNumbers
