import type { Element, Nodes } from 'hast'
import { fromHtml } from 'hast-util-from-html'

/**
 * The first `count` words of the text that follows the page-break marker
 * `pageId` in an EPUB content document, skipping note calls, notes and soft
 * hyphens: what a test compares with the first words of the same print page.
 * Returns undefined when the document has no such marker.
 */
export function wordsAfterPageBreak(xhtml: string, pageId: string, count = 5): string | undefined {
  const tree = fromHtml(xhtml)
  let found = false
  let text = ''
  const walk = (node: Nodes): void => {
    if (node.type === 'text') {
      if (found) text += node.value
      return
    }
    if (node.type !== 'root' && node.type !== 'element') return
    if (node.type === 'element') {
      if (node.properties['id'] === pageId) found = true
      if (isNote(node)) return
    }
    for (const child of node.children) walk(child)
    // A block ends a word: a heading's last word and the next paragraph's first are two.
    if (node.type === 'element' && blocks.has(node.tagName) && found) text += ' '
  }
  walk(tree)
  if (!found) return undefined
  return text.replace(/\u00AD/g, '').split(/\s+/u).filter(Boolean).slice(0, count).join(' ')
}

const blocks = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'td', 'th', 'dt', 'dd', 'pre', 'figcaption'])

/** Note calls and notes are not running text (the print counts them apart too). */
function isNote(node: Element): boolean {
  const type = String(node.properties['epub:type'] ?? node.properties['epubType'] ?? '')
  if (node.tagName === 'aside' || /\b(noteref|footnotes?)\b/.test(type)) return true
  return node.tagName === 'sup' && node.children.some((child) => child.type === 'element' && isNote(child))
}
