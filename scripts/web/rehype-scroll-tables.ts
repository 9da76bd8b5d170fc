import type { Element, Root } from 'hast'
import { toString as hastText } from 'hast-util-to-string'
import { h } from 'hastscript'
import type { Plugin } from 'unified'

/** Options for {@link rehypeScrollTables}. */
export interface ScrollTablesOptions {
  /** The label of a table without a caption, numbered in the book: `Table` → “Table 3”. */
  readonly term: string
  /** Numbers the tables across the chapters (one counter per edition). */
  readonly counter: { value: number }
}

/**
 * Put each table in a container that scrolls sideways when the table is
 * wider than the screen, instead of cutting it off: a focusable region named
 * after the table (its caption, else “Table N”), so keyboard and screen
 * reader users can reach and scroll it too (WCAG 2.1.1 and 1.4.10;
 * https://www.w3.org/WAI/tutorials/tables/). The styles draw a shadow on the
 * edge that has more table behind it.
 */
const rehypeScrollTables: Plugin<[ScrollTablesOptions], Root> = (options) => (tree) => {
  const walk = (parent: Root | Element): void => {
    parent.children.forEach((child, index) => {
      if (child.type !== 'element') return
      if (child.tagName !== 'table') {
        walk(child)
        return
      }
      options.counter.value += 1
      const caption = child.children.find((node): node is Element => node.type === 'element' && node.tagName === 'caption')
      const label = caption ? hastText(caption).replace(/\s+/g, ' ').trim() : ''
      const region = h('div.table-scroll', { role: 'region', tabIndex: 0, ariaLabel: label || `${options.term} ${options.counter.value}` }, [child])
      if (child.position) region.position = child.position
      parent.children[index] = region
    })
  }
  walk(tree)
}

export default rehypeScrollTables
