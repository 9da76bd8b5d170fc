import { stringify as commas } from 'comma-separated-tokens'
import type { Element, Properties, Root, Text } from 'hast'
import { h, s } from 'hastscript'
import { find, html, type Schema, svg } from 'property-information'
import rehypeRaw from 'rehype-raw'
import { stringify as spaces } from 'space-separated-tokens'
import type { Plugin } from 'unified'
import type { VFile } from 'vfile'

/**
 * rehype-raw, run only on a chapter that has raw HTML in it. rehype-raw
 * re-parses the whole tree through parse5 whether or not there is anything
 * to parse (a fifth of the read of a long book). On a tree without `raw`
 * nodes, what parse5 changes is that adjacent text nodes become one and
 * properties go through attribute strings and back (`true` on a `data-*`
 * becomes `''`): this does the same (tests/unit/read/rehype-raw-where-needed.test.ts
 * holds the trees equal, positions included, over the default book and the corpus).
 */
const rehypeRawWhereNeeded: Plugin<[], Root> = function () {
  const raw = rehypeRaw.call(this) as (tree: Root, file: VFile) => Root
  return (tree, file) => {
    if (hasRaw(tree)) return raw(tree, file)
    asParse5Would(tree, html)
    // What parse5 says of a fragment: not quirks mode (hast-util-to-parse5 reads it).
    tree.data = { ...tree.data, quirksMode: false }
    return undefined
  }
}

export default rehypeRawWhereNeeded

function hasRaw(node: Root | Root['children'][number]): boolean {
  if (node.type === 'raw') return true
  if (!('children' in node)) return false
  for (const child of node.children) if (hasRaw(child)) return true
  return false
}

/**
 * Adjacent text nodes become one, as parse5 appends characters to the text
 * node before them: the first one's start, the last one's end (parse5 takes
 * the location of each token it appends, none from a node without one).
 */
function asParse5Would(parent: Root | Element, schema: Schema): void {
  const children: Root['children'] = []
  let last: Text | undefined
  for (const child of parent.children) {
    if (child.type === 'text' && last) {
      last.value += child.value
      const start = last.position?.start
      const end = child.position?.end
      // hast-util-from-parse5 writes both keys, either one undefined.
      if (start || end) last.position = { start, end } as Text['position']
      else delete last.position
      continue
    }
    // A node parse5 made has a position only where it had a location.
    if ('position' in child && child.position === undefined) delete child.position
    children.push(child)
    last = child.type === 'text' ? child : undefined
    if (child.type === 'element') {
      const space = child.tagName.toLowerCase() === 'svg' ? svg : schema
      child.properties = roundTrip(child, space)
      asParse5Would(child, space)
    }
  }
  parent.children = children as Element['children']
}

/** The element's properties as attributes (hast-util-to-parse5) and back (hast-util-from-parse5, through hastscript). */
function roundTrip(element: Element, schema: Schema): Properties {
  const attributes: Record<string, string> = {}
  for (const [prop, value] of Object.entries(element.properties)) {
    const info = find(schema, prop)
    if (value === false || value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value)) || (!value && info.boolean)) continue
    const text = Array.isArray(value) ? (info.commaSeparated ? commas(value) : spaces(value)) : value === true ? '' : String(value)
    // parse5 keeps an attribute's first occurrence.
    if (!(info.attribute in attributes)) attributes[info.attribute] = text
  }
  return (schema.space === 'svg' ? s : h)(element.tagName, attributes).properties
}
