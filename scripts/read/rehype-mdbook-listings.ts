import type { Element, ElementContent, Root } from 'hast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'

/**
 * mdBook's `<Listing number="4-1" file-name="src/main.rs" caption="…">` (the
 * Rust book's mdbook-trpl preprocessor) as a figure: "Filename: src/main.rs"
 * above the code, "Listing 4-1: …" below it, as mdBook prints them. Runs
 * before the sanitiser, which knows no `<listing>`.
 */
const rehypeMdbookListings: Plugin<[], Root> = () => (tree) => {
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'listing') return
    const number = attribute(node, 'number')
    const fileName = attribute(node, 'fileName') ?? attribute(node, 'file-name')
    const caption = attribute(node, 'caption')
    const children: ElementContent[] = [...node.children]
    if (fileName) children.unshift({ type: 'element', tagName: 'p', properties: { className: ['listing-file'] }, children: [{ type: 'text', value: `Filename: ${fileName}` }] })
    if (number || caption) {
      const label = [number ? `Listing ${number}` : undefined, caption].filter(Boolean).join(': ')
      children.push({ type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: label }] })
    }
    node.tagName = 'figure'
    node.properties = { className: ['listing'] }
    node.children = children
  })
}

function attribute(node: Element, name: string): string | undefined {
  const value = node.properties[name] ?? node.properties[name.toLowerCase()]
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

export default rehypeMdbookListings
