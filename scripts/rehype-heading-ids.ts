import GithubSlugger from 'github-slugger'
import type { Element, Root } from 'hast'
import { headingRank } from 'hast-util-heading-rank'
import { toString as hastToString } from 'hast-util-to-string'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'

/**
 * Give every heading an id, unique across the whole book (one slugger per
 * processor, and the pipeline runs one processor over all chapters). An
 * explicit `{#id}` that is already taken is reported: links to it would be
 * ambiguous.
 */
const rehypeHeadingIds: Plugin<[], Root> = () => {
  const slugger = new GithubSlugger()
  const taken = new Set<string>()
  return (tree, file) => {
    visit(tree, 'element', (node: Element) => {
      if (!headingRank(node)) return
      const explicit = node.properties['id']
      if (typeof explicit === 'string' && explicit !== '') {
        if (taken.has(explicit)) {
          file.message(`Duplicate heading id \`${explicit}\`: another heading already has it; give this one another \`{#id}\``, {
            place: node.position,
            ruleId: 'duplicate-heading-id',
            source: 'samizdat',
          })
        }
        taken.add(explicit)
        slugger.occurrences[explicit] = (slugger.occurrences[explicit] ?? 0) + 1
        return
      }
      let id = slugger.slug(hastToString(node).trim() || 'section')
      // Ids must not start with a digit to be valid CSS selectors for Paged.js.
      if (/^[0-9-]/.test(id)) id = slugger.slug(`s-${id}`)
      taken.add(id)
      node.properties['id'] = id
    })
  }
}

export default rehypeHeadingIds
