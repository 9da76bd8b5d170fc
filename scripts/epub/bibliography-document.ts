import type { Element } from 'hast'
import { h } from 'hastscript'
import { headingRank } from 'hast-util-heading-rank'
import { toString as hastToString } from 'hast-util-to-string'
import type { Terms } from '../locale/terms-for-lang.ts'
import { xhtmlDocument } from './xhtml-document.ts'

/** The file name of the bibliography document. */
export const bibliographyHref = 'bibliography.xhtml'

/**
 * The bibliography as its own document: a `doc-bibliography` section
 * (https://www.w3.org/TR/dpub-aria-1.1/#doc-bibliography) headed in the
 * book's language when the citation stage gave it no heading.
 */
export function bibliographyDocument(bibliography: Element, options: { readonly lang: string; readonly terms: Terms; readonly stylesheets: readonly string[] }): string {
  const section = structuredClone(bibliography)
  section.tagName = 'section'
  section.properties = { ...section.properties, role: 'doc-bibliography', 'epub:type': 'bibliography' }
  const heading = section.children.find((child): child is Element => child.type === 'element' && headingRank(child) !== undefined)
  if (!heading) section.children.unshift(h('h1', options.terms.bibliography))
  else heading.tagName = 'h1'
  return xhtmlDocument({
    lang: options.lang,
    title: heading ? hastToString(heading).trim() || options.terms.bibliography : options.terms.bibliography,
    stylesheets: options.stylesheets,
    bodyProperties: { 'epub:type': 'backmatter' },
    body: [section],
  })
}
