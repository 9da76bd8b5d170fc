import type { Element, ElementContent, Root } from 'hast'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'

const textBlocks = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'pre', 'td', 'th', 'dt', 'dd', 'figcaption', 'blockquote'])

/**
 * Stamp every text block of the body with a book-wide `data-sid`, so the
 * print layout can say where each page begins and the EPUB can mark the same
 * place (see `PageStart` in book-model.ts). Footnote bodies are not body text.
 */
const rehypeBlockIds: Plugin<[], Root> = () => {
  let next = 1
  return (tree) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'section' && node.properties['dataFootnotes'] !== undefined) return SKIP
      if (textBlocks.has(node.tagName) && holdsText(node.children)) node.properties['dataSid'] = String(next++)
      return undefined
    })
  }
}

function holdsText(children: readonly ElementContent[]): boolean {
  return children.some((child) => (child.type === 'text' ? child.value.trim() !== '' : child.type === 'element' && !textBlocks.has(child.tagName) && child.tagName !== 'ul' && child.tagName !== 'ol' && child.tagName !== 'table' && child.tagName !== 'div'))
}

export default rehypeBlockIds
