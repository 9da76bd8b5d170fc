import type { Element, Root } from 'hast'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'

/**
 * Trusted raw HTML keeps its scripts and styles, but not what would take the
 * page away from the book: `<meta http-equiv>` (refresh, redirects) and
 * `<base>` (re-points every relative link). The browser sandbox refuses the
 * navigation anyway; removing them here makes it a message at their place
 * instead of a failed layout.
 */
const rehypeTrustedHtml: Plugin<[], Root> = () => (tree, file) => {
  visit(tree, 'element', (node: Element, index, parent) => {
    const navigates = (node.tagName === 'meta' && node.properties['httpEquiv'] !== undefined) || node.tagName === 'base'
    if (!navigates || !parent || index === undefined) return undefined
    file.message(`Raw HTML \`<${node.tagName}>\` removed even from trusted HTML: it would take the page away from the book`, {
      place: node.position ?? parent.position,
      ruleId: 'unsafe-html',
      source: 'samizdat',
    })
    parent.children.splice(index, 1)
    return [SKIP, index]
  })
}

export default rehypeTrustedHtml
