import type { Element, Root } from 'hast'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'

/**
 * Trusted raw HTML keeps its scripts and styles, but not what would take the
 * page away from the book: `<meta http-equiv>` (refresh, redirects) and
 * `<base>` (re-points every relative link); nor `<link rel=preconnect>` and
 * `dns-prefetch`, which open connections outside the request path (the
 * browser has no route for them anyway, see print/browser/network-isolation.ts). The browser sandbox refuses the
 * navigation anyway; removing them here makes it a message at their place
 * instead of a failed layout.
 */
const rehypeTrustedHtml: Plugin<[], Root> = () => (tree, file) => {
  visit(tree, 'element', (node: Element, index, parent) => {
    const navigates = (node.tagName === 'meta' && node.properties['httpEquiv'] !== undefined) || node.tagName === 'base'
    const hint = node.tagName === 'link' && connectionHint(node)
    if ((!navigates && !hint) || !parent || index === undefined) return undefined
    const why = hint
      ? `it only opens a connection (${hint}), and the book is laid out with no network`
      : 'it would take the page away from the book'
    file.message(`Raw HTML \`<${node.tagName}>\` removed even from trusted HTML: ${why}`, {
      place: node.position ?? parent.position,
      ruleId: 'unsafe-html',
      source: 'samizdat',
    })
    parent.children.splice(index, 1)
    return [SKIP, index]
  })
}

/** `preconnect` or `dns-prefetch` when the link is one: a connection (or a name lookup) ahead of need, never a request the sandbox would see. */
function connectionHint(node: Element): string | undefined {
  const rel = node.properties['rel']
  const values = (Array.isArray(rel) ? rel : [rel]).map((value) => String(value).toLowerCase())
  return values.find((value) => value === 'preconnect' || value === 'dns-prefetch')
}

export default rehypeTrustedHtml
