import type { Element, Root } from 'hast'
import { headingRank } from 'hast-util-heading-rank'
import type { Plugin } from 'unified'
import { eachElement } from '../lib/each-element.ts'

/**
 * Make every id unique across the whole book (one processor runs over every
 * chapter; the web edition is one page, and the EPUB's links and page list
 * name ids book-wide): a second element with an id already taken gets
 * `id-2`, `id-3` …, and links to `#id` go to the first. Headings were
 * reported already (duplicate-heading-id); other elements are reported here.
 */
const rehypeUniqueIds: Plugin<[], Root> = () => {
  const taken = new Set<string>()
  return (tree, file) => {
    const renamed = new Map<string, string>()
    eachElement(tree, (node: Element) => {
      const id = node.properties['id']
      if (typeof id !== 'string' || id === '') return
      if (!taken.has(id)) {
        taken.add(id)
        return
      }
      let n = 2
      while (taken.has(`${id}-${n}`)) n++
      const unique = `${id}-${n}`
      taken.add(unique)
      node.properties['id'] = unique
      if (!renamed.has(id)) renamed.set(id, unique)
      if (headingRank(node)) return
      file.message(`Duplicate id \`${id}\`: an element before it in the book has it already, so this one is \`${unique}\` and links to \`#${id}\` go to the first: give it an id of its own`, {
        place: node.position,
        ruleId: 'duplicate-id',
        source: 'samizdat',
      })
    })
    // `this-chapter.md#id` from another file means this chapter's element, under its new id.
    const local = file.data.localIds
    if (local) for (const [key, value] of local) if (renamed.has(value) && firstIsElsewhere(tree, value)) local.set(key, renamed.get(value)!)
  }
}

function firstIsElsewhere(tree: Root, id: string): boolean {
  let here = false
  eachElement(tree, (node: Element) => {
    if (node.properties['id'] === id) here = true
  })
  return !here
}

export default rehypeUniqueIds
