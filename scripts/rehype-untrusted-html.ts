import type { Element, Root } from 'hast'
import { sanitize } from 'hast-util-sanitize'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'
import { sanitizeSchema } from './sanitize-schema.ts'

const dropped = new Set(['script', 'style', 'iframe', 'frame', 'object', 'embed', 'link', 'meta', 'base', 'form', 'input', 'button', 'textarea', 'select', 'video', 'audio', 'source', 'svg', 'math'])

/**
 * Sanitise raw HTML from the manuscript to the book allow-list, telling the
 * writer about each element it removes (a silent drop
 * would look like a rendering bug).
 */
const rehypeUntrustedHtml: Plugin<[], Root> = () => (tree, file) => {
  visit(tree, 'element', (node: Element) => {
    if (dropped.has(node.tagName)) {
      file.message(
        `Raw HTML \`<${node.tagName}>\` removed: manuscripts may not run scripts, embed pages or load styles; put styling in styles/, or set \`trustedHtml: true\` in book.yaml for a manuscript you trust`,
        { place: node.position, ruleId: 'unsafe-html', source: 'samizdat' },
      )
      return
    }
  })
  const clean = sanitize(tree, sanitizeSchema) as Root
  tree.children = clean.children
}

export default rehypeUntrustedHtml
