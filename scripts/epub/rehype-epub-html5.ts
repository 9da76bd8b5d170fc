import type { Element, Root } from 'hast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'

const alignments = new Set(['left', 'right', 'center', 'justify'])

/** An id as EPUB's HTML5 allows it: no whitespace (links to it go through the same function). */
export function epubId(id: string): string {
  return id.replace(/\s+/gu, '-')
}

/**
 * What HTML5 forbids and browsers forgive, EPUBCheck rejects: replace the
 * presentational `align` attribute (GFM writes it on table cells for `:--:`
 * columns) with a class the EPUB stylesheet styles, and take whitespace out
 * of ids (raw HTML may have them).
 */
const rehypeEpubHtml5: Plugin<[], Root> = () => (tree) => {
  visit(tree, 'element', (node: Element) => {
    const id = node.properties['id']
    if (typeof id === 'string') {
      if (id.trim() === '') delete node.properties['id']
      else node.properties['id'] = epubId(id)
    }
    const align = node.properties['align']
    if (align === undefined) return
    delete node.properties['align']
    const value = String(align).toLowerCase()
    if (!alignments.has(value)) return
    const classes = Array.isArray(node.properties['className']) ? node.properties['className'] : []
    node.properties['className'] = [...classes, `align-${value}`]
  })
}

export default rehypeEpubHtml5
