// Declares `data.hProperties` on mdast nodes.
import type {} from 'mdast-util-to-hast'
import type { Heading, Root } from 'mdast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'
import { attributesToProperties } from './attributes-to-properties.ts'
import { parsePandocAttributes } from './pandoc-attributes.ts'

// Pandoc's header attributes, `# Title {#id .class lang=fr}`, so manuscripts stay
// portable to pandoc and Quarto (https://pandoc.org/MANUAL.html#heading-identifiers).
const attributesAtEnd = /\s*\{([^{}]*)\}\s*$/u

/**
 * Read `{#id .class .unnumbered .unlisted lang=fr}` (and `{-}`) at the end of
 * a heading into its hast properties.
 */
const remarkHeadingAttributes: Plugin<[], Root> = () => (tree, file) => {
  visit(tree, 'heading', (heading: Heading) => {
    const last = heading.children.at(-1)
    if (last?.type !== 'text') return
    const match = attributesAtEnd.exec(last.value)
    const attributes = match ? parsePandocAttributes(match[1]!) : undefined
    if (!match || !attributes || attributes.rawFormat !== undefined) return
    last.value = last.value.slice(0, match.index).trimEnd()
    if (last.value === '') heading.children.pop()
    const properties = attributesToProperties(attributes, file, heading.position)
    const data = (heading.data ??= {})
    data.hProperties = { ...data.hProperties, ...properties }
  })
}

export default remarkHeadingAttributes
