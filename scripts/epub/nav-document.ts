import type { Element, ElementContent } from 'hast'
import { h } from 'hastscript'
import { visit } from 'unist-util-visit'
import type { TocEntry } from '../lib/book-model.ts'
import type { Terms } from '../lib/terms-for-lang.ts'
import { tocToHast } from '../lib/toc-to-hast.ts'
import { type PageMark, pageId } from './page-breaks.ts'
import { epubId } from './rehype-epub-html5.ts'
import { xhtmlDocument } from './xhtml-document.ts'

/** A landmark of the book (https://www.w3.org/TR/epub-33/#sec-nav-landmarks). */
export interface Landmark {
  /** `cover`, `toc`, `bodymatter`, `bibliography`, … (EPUB Structural Semantics). */
  readonly type: string
  readonly href: string
  readonly label: string
}

/** What the navigation document lists. */
export interface NavOptions {
  readonly lang: string
  readonly title: string
  readonly terms: Terms
  readonly toc: readonly TocEntry[]
  /** The document that holds a heading, by id. */
  readonly documentOf: (id: string) => string | undefined
  readonly landmarks: readonly Landmark[]
  /** Page marks placed in the chapters, with the document each is in; none means no page-list. */
  readonly pages: readonly (PageMark & { readonly href: string })[]
  readonly stylesheets: readonly string[]
}

/** The file name of the navigation document. */
export const navHref = 'nav.xhtml'

/**
 * The EPUB navigation document: the contents (nested to the section level),
 * the landmarks, and a page-list of the print edition's pages, so a reading
 * group can say "page 42" and everyone gets there
 * (https://www.w3.org/TR/epub-33/#sec-nav-pagelist).
 */
export function navDocument(options: NavOptions): string {
  const { terms } = options
  const contents = tocToHast(options.toc, { href: (entry) => `${options.documentOf(entry.id) ?? ''}#${epubId(entry.id)}` })
  unnestInteractive(contents)
  const navs: Element[] = [
    h('nav#toc', { 'epub:type': 'toc', role: 'doc-toc', ariaLabelledBy: 'toc-title' }, [h('h1#toc-title', terms.contents), contents]),
    // Reading systems show these two in their own interface (hidden in the text), so their labels are never read.
    h('nav#landmarks', { 'epub:type': 'landmarks', ariaLabel: terms.landmarks, hidden: true }, [
      h('ol', options.landmarks.map((landmark) => h('li', h('a', { 'epub:type': landmark.type, href: landmark.href }, landmark.label)))),
    ]),
  ]
  if (options.pages.length > 0) {
    navs.push(
      h('nav#page-list', { 'epub:type': 'page-list', ariaLabel: terms.pages, hidden: true }, [
        h('ol', options.pages.map((page) => h('li', h('a', { href: `${page.href}#${pageId(page.page)}` }, page.folio)))),
      ]),
    )
  }
  return xhtmlDocument({ lang: options.lang, title: options.title, stylesheets: options.stylesheets, body: navs, bodyProperties: { 'epub:type': 'frontmatter' } })
}

/**
 * Heading content copied into the contents may hold links or ids; a link
 * inside a link is invalid and a copied id is a duplicate.
 */
function unnestInteractive(list: Element): void {
  visit(list, 'element', (node: Element, index, parent) => {
    if (node === list) return undefined
    if (parent && index !== undefined && parent.tagName === 'a' && node.tagName === 'a') {
      parent.children.splice(index, 1, ...(node.children as ElementContent[]))
      return index
    }
    if (node.tagName !== 'a') delete node.properties['id']
    return undefined
  })
}
