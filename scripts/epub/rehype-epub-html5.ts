import type { Element, Root } from 'hast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'

const alignments = new Set(['left', 'right', 'center', 'justify'])

/**
 * Replace the presentational `align` attribute (GFM writes it on table
 * cells for `:--:` columns) with a class the EPUB stylesheet styles:
 * EPUB's XHTML is HTML5, where `align` is obsolete and EPUBCheck rejects it.
 */
const rehypeEpubHtml5: Plugin<[], Root> = () => (tree) => {
  visit(tree, 'element', (node: Element) => {
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
