import type { Element, ElementContent, Root } from 'hast'
import type { Plugin } from 'unified'
import { eachElement, skipChildren } from '../lib/each-element.ts'

const textBlocks = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'pre', 'td', 'th', 'dt', 'dd', 'figcaption', 'caption', 'blockquote'])
const containers = new Set(['ul', 'ol', 'table', 'div', 'section'])

/**
 * Stamp every text block of the body with a book-wide `data-sid`, so the
 * print layout can say where each page begins and the EPUB can mark the same
 * place (see `PageStart` in book-model.ts). Footnote bodies are not body text.
 */
const rehypeBlockIds: Plugin<[], Root> = () => {
  let next = 1
  return (tree) => {
    next = stampBlockIds(tree, next)
  }
}

/** Stamp the text blocks of `tree` from `first` on; returns the next free number. */
export function stampBlockIds(tree: Root | Element, first: number): number {
  let next = first
  eachElement(tree, (node: Element) => {
    if (node.tagName === 'section' && node.properties['dataFootnotes'] !== undefined) return skipChildren
    if (isTextBlock(node)) node.properties['dataSid'] = String(next++)
    return undefined
  })
  return next
}

/** The largest `data-sid` in the trees, 0 when none. */
export function lastBlockId(trees: readonly (Root | Element)[]): number {
  let last = 0
  for (const tree of trees) {
    eachElement(tree, (node: Element) => {
      last = Math.max(last, Number(node.properties['dataSid'] ?? 0))
    })
  }
  return last
}

function isTextBlock(node: Element): boolean {
  // A bibliography entry is a `div` holding its text directly.
  const entry = node.tagName === 'div' && Array.isArray(node.properties['className']) && node.properties['className'].includes('csl-entry')
  return (entry || textBlocks.has(node.tagName)) && holdsText(node.children)
}

function holdsText(children: readonly ElementContent[]): boolean {
  return children.some((child) =>
    child.type === 'text' ? child.value.trim() !== '' : child.type === 'element' && !textBlocks.has(child.tagName) && !containers.has(child.tagName),
  )
}

export default rehypeBlockIds
