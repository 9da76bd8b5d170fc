// Declares `data.hProperties` on mdast nodes.
import type {} from 'mdast-util-to-hast'
import type { Heading, Root } from 'mdast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'

// Pandoc's header attributes, `# Title {#id .class}`, so manuscripts stay
// portable to pandoc and Quarto (https://pandoc.org/MANUAL.html#heading-identifiers).
const attributesAtEnd = /\s*\{((?:\s*(?:[#.][\p{L}\p{N}_:.-]+|-))+)\s*\}\s*$/u

/** Read `{#id .class .unnumbered}` at the end of a heading into its hast properties. */
const remarkHeadingAttributes: Plugin<[], Root> = () => (tree) => {
  visit(tree, 'heading', (heading: Heading) => {
    const last = heading.children.at(-1)
    if (last?.type !== 'text') return
    const match = attributesAtEnd.exec(last.value)
    if (!match?.[1]) return
    const tokens = match[1].trim().split(/\s+/)
    const id = tokens.find((token) => token.startsWith('#'))?.slice(1)
    const classes = tokens.filter((token) => token.startsWith('.')).map((token) => token.slice(1))
    // Pandoc's shorthand `{-}` means `.unnumbered`.
    if (tokens.includes('-')) classes.push('unnumbered')
    last.value = last.value.slice(0, match.index).trimEnd()
    if (last.value === '') heading.children.pop()
    const data = (heading.data ??= {})
    const hProperties = (data.hProperties ??= {})
    if (id) hProperties['id'] = id
    if (classes.length > 0) hProperties['className'] = classes
  })
}

export default remarkHeadingAttributes
