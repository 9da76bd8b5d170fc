import type { MetaProperty } from './package-document.ts'

/** What the EPUB stage found out about the book, that its accessibility claims rest on. */
export interface AccessibilityFacts {
  /** Images in the text (the cover not counted). */
  readonly images: number
  /** Of those, images without a text alternative. */
  readonly imagesWithoutAlt: number
  /** Headings that skip a level, and chapters without a title heading. */
  readonly headingProblems: number
  /** Page marks placed, from the print edition; 0 when no PDF was built. */
  readonly pageMarks: number
  /** The print edition the page marks follow (identifier + ` (print)`). */
  readonly pageBreakSource?: string
}

/** The conformance statement of EPUB Accessibility 1.1 (https://www.w3.org/TR/epub-a11y-11/#sec-conf-reporting). */
export const conformanceStatement = 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA'

/**
 * The accessibility metadata (schema.org properties, EPUB Accessibility 1.1):
 * each claim only when the book makes it true. Conformance is claimed only
 * when every image has a text alternative and the headings are in order;
 * otherwise the summary says what is missing.
 */
export function accessibilityMetadata(facts: AccessibilityFacts): MetaProperty[] {
  const hasImages = facts.images > 0
  const allAlt = facts.imagesWithoutAlt === 0
  const features = ['structuralNavigation', 'tableOfContents', 'readingOrder']
  if (hasImages && allAlt) features.push('alternativeText')
  if (facts.pageMarks > 0) features.push('pageBreakMarkers', 'printPageNumbers')
  const conforms = allAlt && facts.headingProblems === 0
  return [
    ['schema:accessMode', 'textual'],
    ...(hasImages ? [['schema:accessMode', 'visual'] as const] : []),
    ['schema:accessModeSufficient', 'textual'],
    ...features.map((feature) => ['schema:accessibilityFeature', feature] as const),
    ['schema:accessibilityHazard', 'none'],
    ['schema:accessibilitySummary', summary(facts, conforms)],
    // EPUB Accessibility 1.1 asks who evaluated a conformance claim; here, the build's own checks.
    ...(conforms ? [['dcterms:conformsTo', conformanceStatement] as const, ['a11y:certifiedBy', 'samizdat (automated checks)'] as const] : []),
  ]
}

function summary(facts: AccessibilityFacts, conforms: boolean): string {
  const parts = ['This publication has a table of contents, structured headings, a declared language and text that reflows at any size.']
  if (facts.images > 0) {
    parts.push(facts.imagesWithoutAlt === 0 ? 'Every image has a text alternative.' : `${facts.imagesWithoutAlt} of ${facts.images} images have no text alternative.`)
  }
  if (facts.pageMarks > 0) parts.push(`Page-break markers and a page list follow the print edition${facts.pageBreakSource ? ` (${facts.pageBreakSource})` : ''}; blank pages and the print front matter are not marked.`)
  else parts.push('It has no page list: it was made without the print edition.')
  if (facts.headingProblems > 0) parts.push('Some headings skip a level.')
  parts.push(conforms ? 'It meets WCAG 2.1 Level AA as far as automated checks can tell.' : 'It does not claim WCAG conformance.')
  return parts.join(' ')
}
