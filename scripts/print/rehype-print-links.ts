import type { Element, ElementContent, Root } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import type { Plugin } from 'unified'
import { eachElement, skipChildren } from '../lib/each-element.ts'

/** Options for {@link rehypePrintLinks}. */
export interface PrintLinkOptions {
  /** Ids a cross-reference may point at and get a page number (headings, figures: not notes or bibliography entries). */
  readonly targets: ReadonlySet<string>
  /** The book language's abbreviation for "page" (`p.`, `S.`). */
  readonly pageTerm: string
}

/**
 * Links on paper: an in-book link to a heading gets class `xref` (print.css
 * appends `, p. N` with `target-counter`) unless its text already names a
 * page; a link whose text is a URL gets class `url` and a `<wbr>` after each
 * `/` and before each `.`, `?`, `#`, `&`, so it breaks between its parts
 * rather than overflowing the measure.
 * https://www.w3.org/TR/css-gcpm-3/#target-counter
 */
const rehypePrintLinks: Plugin<[PrintLinkOptions], Root> = (options) => (tree) => {
  const pageReference = new RegExp(`(\\b(p|pp|page|pages)\\.?|${escapeRegExp(options.pageTerm)})\\s*\\d`, 'i')
  eachElement(tree, (node: Element) => {
    if (node.tagName !== 'a' || node.properties['dataFootnoteRef'] !== undefined) return undefined
    const href = typeof node.properties['href'] === 'string' ? node.properties['href'] : ''
    const text = hastToString(node)
    if (href.startsWith('#')) {
      if (options.targets.has(href.slice(1)) && !pageReference.test(text)) {
        addClass(node, 'xref')
        node.properties['dataPageTerm'] = options.pageTerm
      }
      return undefined
    }
    if (/^\s*([a-z][a-z0-9+.-]*:|www\.)\S+\s*$/i.test(text)) {
      addClass(node, 'url')
      // A URL longer than a few lines stays one text node (it wraps by `overflow-wrap: anywhere`):
      // Paged.js cannot split an inline run of hundreds of `<wbr>`s across pages and drops the rest of the chapter.
      if (text.length <= longUrl) node.children = node.children.flatMap(breakUrlText)
      return skipChildren
    }
    return undefined
  })
}

const longUrl = 200

function breakUrlText(node: ElementContent): ElementContent[] {
  if (node.type !== 'text') return [node]
  // After `//` as a whole, after a single `/`, before the other separators (Chicago Manual of Style 14.18).
  const parts = node.value.split(/(?<=\/\/)|(?<=[^/]\/)(?!\/)|(?=[.?#&=_~-](?!$))/)
  return parts.flatMap((part, index) => {
    const text: ElementContent = { type: 'text', value: part }
    return index === 0 ? [text] : [{ type: 'element', tagName: 'wbr', properties: {}, children: [] }, text]
  })
}

function addClass(node: Element, name: string): void {
  const current = node.properties['className']
  node.properties['className'] = [...(Array.isArray(current) ? current : []), name]
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export default rehypePrintLinks
