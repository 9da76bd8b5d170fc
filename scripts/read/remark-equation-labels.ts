import type {} from 'mdast-util-to-hast'
import type { Nodes, Parent, PhrasingContent, Root } from 'mdast'
import type { Plugin } from 'unified'
import { attributesToProperties } from './attributes-to-properties.ts'
import { parsePandocAttributes } from './pandoc-attributes.ts'
import type { DisplayMath } from './remark-tex-math.ts'
import { textSlicer } from './text-slicer.ts'

/** Display math with a label, `$$ … $$ {#eq:label}`: numbered, and a cross-reference target. */
export interface Equation extends Parent {
  type: 'equation'
  children: [DisplayMath]
}

declare module 'mdast' {
  interface PhrasingContentMap {
    equation: Equation
  }
  interface RootContentMap {
    equation: Equation
  }
}

/**
 * pandoc-crossref's equation labels: `{#eq:label}` (Quarto: `{#eq-label}`)
 * after `$$…$$` makes `span.equation#eq:label` around the formula; its number
 * is given book-wide with the other cross-reference targets.
 */
const remarkEquationLabels: Plugin<[], Root> = () => (tree, file) => {
  const slicer = textSlicer(file)
  const walk = (node: Nodes) => {
    if (!('children' in node)) return
    const children = node.children as PhrasingContent[]
    for (let index = 0; index + 1 < children.length; index += 1) {
      const math = children[index]!
      const text = children[index + 1]!
      if (math.type !== 'displayMath' || text.type !== 'text') continue
      const match = /^[ \t]*\{([^{}\n]*)\}/.exec(text.value)
      const attributes = match ? parsePandocAttributes(match[1]!) : undefined
      if (!match || !attributes?.id) continue
      const properties = attributesToProperties(attributes, file, slicer.place(text, 0, match[0].length))
      const classes = Array.isArray(properties['className']) ? properties['className'] : []
      const equation: Equation = { type: 'equation', children: [math], data: { hName: 'span', hProperties: { ...properties, className: ['equation', ...classes] } } }
      const end = slicer.place(text, 0, match[0].length)?.end
      if (math.position && end) equation.position = { start: math.position.start, end }
      const rest = slicer.slice(text, match[0].length)
      children.splice(index, 2, equation, ...(rest.value === '' ? [] : [rest]))
    }
    for (const child of node.children) walk(child as Nodes)
  }
  walk(tree)
}

export default remarkEquationLabels
