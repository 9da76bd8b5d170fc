import type { Element, Root } from 'hast'
import { h } from 'hastscript'
import { headingRank } from 'hast-util-heading-rank'
import { toString as hastToString } from 'hast-util-to-string'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import type { Terms } from '../lib/terms-for-lang.ts'
import rehypeEpubPageBreaks, { type PageMark } from './page-breaks.ts'
import { xhtmlDocument } from './xhtml-document.ts'

/** The file name of the bibliography document. */
export const bibliographyHref = 'bibliography.xhtml'

/** What {@link bibliographyDocument} needs besides the bibliography. */
export interface BibliographyOptions {
  readonly lang: string
  readonly terms: Terms
  readonly stylesheets: readonly string[]
  /** Print pages that begin in the bibliography (its entries carry `data-sid` like chapter blocks). */
  readonly marks: readonly PageMark[]
  readonly onPlaced?: (mark: PageMark, href: string) => void
  /** Where problems with page marks are reported. */
  readonly file: VFile
}

/**
 * The bibliography as its own document: a `doc-bibliography` section
 * (https://www.w3.org/TR/dpub-aria-1.1/#doc-bibliography) headed in the
 * book's language when the citation stage gave it no heading, with the print
 * edition's page-break markers.
 */
export function bibliographyDocument(bibliography: Element, options: BibliographyOptions): string {
  const section = structuredClone(bibliography)
  section.tagName = 'section'
  section.properties = { ...section.properties, role: 'doc-bibliography', 'epub:type': 'bibliography' }
  const heading = section.children.find((child): child is Element => child.type === 'element' && headingRank(child) !== undefined)
  if (!heading) section.children.unshift(h('h1', options.terms.bibliography))
  else heading.tagName = 'h1'
  const tree: Root = { type: 'root', children: [section] }
  unified()
    .use(rehypeEpubPageBreaks, { marks: options.marks, onPlaced: (mark) => options.onPlaced?.(mark, bibliographyHref) })
    .runSync(tree, options.file)
  visit(tree, 'element', (node: Element) => {
    delete node.properties['dataSid']
    // Deprecated in DPUB-ARIA 1.1 (https://www.w3.org/TR/dpub-aria-1.1/#doc-biblioentry); Ace reports it.
    if (node.properties['role'] === 'doc-biblioentry') delete node.properties['role']
  })
  return xhtmlDocument({
    lang: options.lang,
    title: heading ? hastToString(heading).trim() || options.terms.bibliography : options.terms.bibliography,
    stylesheets: options.stylesheets,
    bodyProperties: { 'epub:type': 'backmatter' },
    body: [section],
  })
}
