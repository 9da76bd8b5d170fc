import GithubSlugger from 'github-slugger'
import type { Element, Root } from 'hast'
import { headingRank } from 'hast-util-heading-rank'
import { toString as hastToString } from 'hast-util-to-string'
import type { Plugin } from 'unified'
import { eachElement } from '../lib/each-element.ts'

declare module 'vfile' {
  interface DataMap {
    /**
     * Each heading id as the chapter file alone would give it (GitHub's and
     * mdBook's slugs, one file at a time), mapped to its id in the book:
     * what `other-chapter.md#id` links from other files mean.
     */
    localIds: globalThis.Map<string, string>
  }
}

/**
 * Give every heading an id, unique across the whole book (one slugger per
 * processor, and the pipeline runs one processor over all chapters). An
 * explicit `{#id}` that is already taken is reported: links to it would be
 * ambiguous.
 */
const rehypeHeadingIds: Plugin<[], Root> = () => {
  const slugger = new GithubSlugger()
  // Each id taken so far, with where its heading is, for the message about a second one.
  const taken = new Map<string, string>()
  return (tree, file) => {
    const local = new GithubSlugger()
    const localIds = new Map<string, string>()
    file.data.localIds = localIds
    eachElement(tree, (node: Element) => {
      if (!headingRank(node)) return
      const where = `${file.basename ?? 'this chapter'}${node.position ? `, line ${node.position.start.line}` : ''}`
      const explicit = node.properties['id']
      if (typeof explicit === 'string' && explicit !== '') {
        const first = taken.get(explicit)
        if (first !== undefined) {
          file.message(`Duplicate heading id \`${explicit}\`: the heading in ${first} already has it, so links to \`#${explicit}\` go there; give this heading an id of its own, \`{#another-name}\``, {
            place: node.position,
            ruleId: 'duplicate-heading-id',
            source: 'samizdat',
          })
        } else taken.set(explicit, where)
        slugger.occurrences[explicit] = (slugger.occurrences[explicit] ?? 0) + 1
        local.occurrences[explicit] = (local.occurrences[explicit] ?? 0) + 1
        if (!localIds.has(explicit)) localIds.set(explicit, explicit)
        return
      }
      const text = hastToString(node).trim() || 'section'
      const localId = local.slug(text)
      let id = slugger.slug(text)
      // Ids must not start with a digit to be valid CSS selectors for Paged.js.
      if (/^[0-9-]/.test(id)) id = slugger.slug(`s-${id}`)
      taken.set(id, where)
      node.properties['id'] = id
      if (!localIds.has(localId)) localIds.set(localId, id)
    })
  }
}

export default rehypeHeadingIds
