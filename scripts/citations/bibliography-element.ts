import type { Element } from 'hast'
import { h } from 'hastscript'
import type { RenderedBibliography } from './citation-registry.ts'

// CSL locales have no term for the bibliography's title and pandoc prints
// none; a book wants one, in its language: "Bibliography" after notes,
// "References" for author-date and numeric styles.
const headings: Record<string, { readonly note: string; readonly inText: string }> = {
  en: { note: 'Bibliography', inText: 'References' },
  de: { note: 'Literaturverzeichnis', inText: 'Literatur' },
  fr: { note: 'Bibliographie', inText: 'Références' },
  es: { note: 'Bibliografía', inText: 'Referencias' },
  it: { note: 'Bibliografia', inText: 'Riferimenti bibliografici' },
  nl: { note: 'Bibliografie', inText: 'Literatuur' },
  pt: { note: 'Bibliografia', inText: 'Referências' },
  sv: { note: 'Litteraturförteckning', inText: 'Referenser' },
  da: { note: 'Litteraturliste', inText: 'Referencer' },
  nb: { note: 'Litteraturliste', inText: 'Referanser' },
  pl: { note: 'Bibliografia', inText: 'Bibliografia' },
}

/** The bibliography's title in the book's language. */
export function bibliographyHeading(lang: string, isNoteStyle: boolean): string {
  const language = lang.split('-')[0]!.toLowerCase()
  const entry = headings[language === 'no' || language === 'nn' ? 'nb' : language] ?? headings['en']!
  return isNoteStyle ? entry.note : entry.inText
}

/** Pandoc's bibliography marker: a raw `<div id="refs"></div>` block where the manuscript wants the list. */
export function isBibliographyMarker(html: string): boolean {
  return /^<div\b[^>]*\bid\s*=\s*(["']?)refs\1[\s>/][^>]*>?\s*<\/div>\s*$/i.test(html.trim())
}

/**
 * The bibliography as pandoc writes it: a container `#refs.references.csl-bib-body`
 * (role `doc-bibliography`, https://www.w3.org/TR/dpub-aria-1.1/#doc-bibliography)
 * around `div.csl-entry#ref-KEY`. At the end of the book it is a `section` with a
 * heading; in place of the manuscript's marker a `div`, under the author's own heading.
 */
export function bibliographyElement(bibliography: RenderedBibliography, heading: string | undefined): Element {
  const className = ['references', 'csl-bib-body', ...(bibliography.hangingIndent ? ['hanging-indent'] : [])]
  const properties = { id: 'refs', className, role: 'doc-bibliography' }
  if (heading === undefined) return h('div', properties, [...bibliography.entries])
  return h('section', properties, [h('h1', { id: 'refs-title' }, heading), ...bibliography.entries])
}
