import type { Element, ElementContent, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'

/** Markup compared as markup: parsed and serialised by one serialiser (entities, attribute quotes), links unwrapped, ids dropped, spaces collapsed. */
export function normalizeHtml(html: string | readonly ElementContent[]): string {
  const children = typeof html === 'string' ? (fromHtml(html, { fragment: true }).children as ElementContent[]) : structuredClone([...html])
  return toHtml({ type: 'root', children: unwrap(children) } as Root)
    .replace(/\s+/g, ' ')
    .trim()
}

function unwrap(nodes: readonly ElementContent[]): ElementContent[] {
  return nodes.flatMap((node): ElementContent[] => {
    if (node.type !== 'element') return [node]
    const children = unwrap(node.children)
    if (node.tagName === 'a') return children
    const { id: _id, ...properties } = node.properties
    return [{ ...node, properties, children } satisfies Element]
  })
}

/** The `div.csl-entry` elements of a bibliography's HTML, each normalised. */
export function bibliographyEntries(html: string): string[] {
  const entries: string[] = []
  const walk = (nodes: readonly ElementContent[] | Root['children']) => {
    for (const node of nodes) {
      if (node.type !== 'element') continue
      const className = node.properties['className']
      if (Array.isArray(className) && className.includes('csl-entry')) entries.push(normalizeHtml([node]))
      else walk(node.children)
    }
  }
  walk(fromHtml(html, { fragment: true }).children)
  return entries
}

/** A citation result's lines, without the `..[0] ` / `>>[0] ` markers of `CITATIONS` fixtures. */
export function citationLines(result: string): string[] {
  return result
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => normalizeHtml(line.replace(/^(\.\.|>>)\[\d+\]\s?/, '')))
}
