import type { MetaProperty } from './package-document.ts'

/** What the EPUB stage found out about the book, that its accessibility claims rest on. */
export interface AccessibilityFacts {
  /** Images in the text (the cover not counted). */
  readonly images: number
  /** Of those, images without a text alternative. */
  readonly imagesWithoutAlt: number
  /** Headings that skip a level, and chapters that do not start at level 1. */
  readonly headingProblems: number
  /** Chapters with no title heading (their document is named after the file, and the contents miss them): their files. */
  readonly untitledChapters: readonly string[]
  /** Page marks placed, from the print edition; 0 when no PDF was built. */
  readonly pageMarks: number
  /** The print edition the page marks follow (identifier + ` (print)`). */
  readonly pageBreakSource?: string
  /** The book's language, and the other languages its text declares (`lang` attributes). */
  readonly lang: string
  readonly otherLanguages: readonly string[]
}

/** The conformance statement of EPUB Accessibility 1.1 (https://www.w3.org/TR/epub-a11y-11/#sec-conf-reporting). */
export const conformanceStatement = 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA'

/**
 * What keeps the book from WCAG 2.1 Level AA as far as the build can check,
 * in words for the writer; none when it conforms.
 */
export function conformanceGaps(facts: AccessibilityFacts): string[] {
  const gaps: string[] = []
  if (facts.imagesWithoutAlt > 0) {
    gaps.push(`${facts.imagesWithoutAlt} of ${facts.images} image${facts.images === 1 ? ' has' : 's have'} no text alternative (write it between the brackets: \`![what the picture shows](file.png)\`)`)
  }
  for (const chapter of facts.untitledChapters) {
    gaps.push(`\`${chapter}\` has no title heading, so its EPUB document is named after the file and the contents miss it (start it with \`# Title\`)`)
  }
  if (facts.headingProblems > 0) gaps.push(`${facts.headingProblems} heading${facts.headingProblems === 1 ? ' skips' : 's skip'} a level`)
  return gaps
}

/**
 * The accessibility metadata (schema.org properties, EPUB Accessibility 1.1),
 * each claim derived from the book: alternative text only when every image
 * has one (else text alone is not a sufficient access mode), page navigation
 * only with a page-list, conformance only when {@link conformanceGaps} finds
 * nothing. The summary is in English, and says so (`xml:lang`) in a book in
 * another language.
 */
export function accessibilityMetadata(facts: AccessibilityFacts): MetaProperty[] {
  const hasImages = facts.images > 0
  const allAlt = facts.imagesWithoutAlt === 0
  const conforms = conformanceGaps(facts).length === 0
  const features = ['tableOfContents', 'readingOrder']
  if (facts.headingProblems === 0 && facts.untitledChapters.length === 0) features.unshift('structuralNavigation')
  if (hasImages && allAlt) features.push('alternativeText')
  if (facts.pageMarks > 0) features.push('pageBreakMarkers', 'pageNavigation')
  const summaryLang = /^en\b/i.test(facts.lang) ? undefined : 'en'
  return [
    ['schema:accessMode', 'textual'],
    ...(hasImages ? [['schema:accessMode', 'visual'] as const] : []),
    ...(allAlt ? [['schema:accessModeSufficient', 'textual'] as const] : []),
    ...(hasImages ? [['schema:accessModeSufficient', 'textual,visual'] as const] : []),
    ...features.map((feature) => ['schema:accessibilityFeature', feature] as const),
    ['schema:accessibilityHazard', 'none'],
    summaryLang ? (['schema:accessibilitySummary', summary(facts, conforms), summaryLang] as const) : (['schema:accessibilitySummary', summary(facts, conforms)] as const),
    // EPUB Accessibility 1.1 asks who evaluated a conformance claim; here, the build's own checks.
    ...(conforms ? [['dcterms:conformsTo', conformanceStatement] as const, ['a11y:certifiedBy', 'samizdat (automated checks)'] as const] : []),
  ]
}

function summary(facts: AccessibilityFacts, conforms: boolean): string {
  const parts = ['This publication has a table of contents, a declared language and text that reflows at any size.']
  if (facts.headingProblems === 0 && facts.untitledChapters.length === 0) parts.push('Every chapter has a title and its headings are in order.')
  else if (facts.untitledChapters.length > 0) parts.push(`${facts.untitledChapters.length} chapter${facts.untitledChapters.length === 1 ? ' has' : 's have'} no title.`)
  if (facts.headingProblems > 0) parts.push('Some headings skip a level.')
  if (facts.images > 0) {
    parts.push(facts.imagesWithoutAlt === 0 ? 'Every image has a text alternative.' : `${facts.imagesWithoutAlt} of ${facts.images} images have no text alternative.`)
  }
  if (facts.otherLanguages.length > 0) parts.push(`Passages in ${facts.otherLanguages.join(', ')} are marked with their language.`)
  if (facts.pageMarks > 0) {
    parts.push(`Page-break markers and a page list follow the print edition${facts.pageBreakSource ? ` (${facts.pageBreakSource})` : ''}; its front matter and blank pages are not in the page list.`)
  } else {
    parts.push('It has no page list: it was made without the print edition.')
  }
  parts.push(conforms ? 'It meets WCAG 2.1 Level AA as far as automated checks can tell.' : 'It does not claim WCAG conformance.')
  return parts.join(' ')
}
