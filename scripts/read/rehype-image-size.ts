import type { Element, Root } from 'hast'
import type { Plugin } from 'unified'
import { eachElement } from '../lib/each-element.ts'

// Pandoc's units for `width`/`height`; a bare number is pixels (https://pandoc.org/MANUAL.html#extension-link_attributes).
const size = /^(\d+(?:\.\d+)?)(%|px|cm|mm|in|pt|em)?$/

/**
 * `![…](a.png){width=60%}`: pandoc's `width` and `height` on an image (kept
 * as `data-width`/`data-height` through the sanitiser, which lets no styles
 * in from a manuscript) become its `style`, as pandoc writes them. A value
 * that is not a size is reported and left out.
 */
const rehypeImageSize: Plugin<[], Root> = () => (tree, file) => {
  eachElement(tree, (node: Element) => {
    if (node.tagName !== 'img') return
    const rules: string[] = []
    for (const [property, name] of [['dataWidth', 'width'], ['dataHeight', 'height']] as const) {
      const value = node.properties[property]
      if (value === undefined) continue
      delete node.properties[property]
      const match = size.exec(String(value).trim())
      if (match) rules.push(`${name}:${match[1]}${match[2] ?? 'px'}`)
      else {
        file.message(`\`${name}=${String(value)}\` is not a size: write a number with \`%\`, \`px\`, \`cm\`, \`mm\`, \`in\`, \`pt\` or \`em\`, e.g. \`${name}=60%\``, {
          ...(node.position ? { place: node.position } : {}),
          ruleId: 'bad-attribute',
          source: 'samizdat',
        })
      }
    }
    if (rules.length > 0) node.properties['style'] = rules.join(';')
  })
}

export default rehypeImageSize
