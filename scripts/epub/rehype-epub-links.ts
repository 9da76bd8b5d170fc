import type { Element, Root } from 'hast'
import { h } from 'hastscript'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'
import { epubId } from './rehype-epub-html5.ts'

/** Options for {@link rehypeEpubLinks}. */
export interface EpubLinkOptions {
  /** The document being rewritten (`chapter-first.xhtml`). */
  readonly documentHref: string
  /** The document that holds an id, or undefined when no document does. */
  readonly documentOf: (id: string) => string | undefined
  /** Where each image of the chapter is in the EPUB, by its `src` in the manuscript; an image left out is in a format EPUB readers need not show. */
  readonly images: ReadonlyMap<string, string>
}

/**
 * Make the chapter's references work once the book is split into documents:
 * `#id` points into the document that holds the id
 * (`chapter-second.xhtml#a-table`), images point at their copy in the
 * container. Links that lead nowhere (a missing id, a relative file that is not
 * part of the book, already reported by the link check) keep their text but
 * lose their `href`: a dead link inside an EPUB is an error for EPUBCheck and
 * for readers. Links out of the book are absolute already.
 */
const rehypeEpubLinks: Plugin<[EpubLinkOptions], Root> = (options) => (tree, file) => {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName === 'img') {
      const src = String(node.properties['src'] ?? '')
      const image = options.images.get(src)
      if (image === undefined && parent && index !== undefined) {
        file.message(`Image \`${src}\` is a format EPUB 3.2 readers need not show (only PNG, JPEG, GIF and SVG are sure to work): convert it; the EPUB shows its description instead`, {
          place: node.position,
          ruleId: 'epub-image-type',
          source: 'samizdat',
        })
        parent.children[index] = { ...h('span.missing-image', `[image: ${String(node.properties['alt'] || src)}]`), position: node.position }
        return
      }
      if (image) node.properties['src'] = image
      // Reported as missing-alt by the spine; an empty alt keeps the XHTML valid.
      if (typeof node.properties['alt'] !== 'string') node.properties['alt'] = ''
      return
    }
    if (node.tagName !== 'a' || typeof node.properties['href'] !== 'string') return
    const href = node.properties['href']
    // A scheme-relative link has no page to be relative to inside an EPUB.
    if (href.startsWith('//')) node.properties['href'] = `https:${href}`
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return
    const id = safeDecode(href.slice(1))
    const target = href.startsWith('#') ? options.documentOf(id) : undefined
    if (target === undefined) {
      delete node.properties['href']
      return
    }
    const fragment = `#${epubId(id)}`
    node.properties['href'] = target === options.documentHref ? fragment : `${target}${fragment}`
  })
}

export default rehypeEpubLinks

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
