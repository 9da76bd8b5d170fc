import type { QuoteStyle } from '../lib/quotes-for-lang.ts'

// The CSL terms citeproc quotes titles with (https://docs.citationstyles.org/en/stable/specification.html#quotes).
const quoteTerms = ['open-quote', 'close-quote', 'open-inner-quote', 'close-inner-quote'] as const

/**
 * The CSL locale with the book's quotation marks: notes and bibliography
 * quote titles as the body quotes its text (CSL en-GB, for one, has single
 * quotes first where CLDR's en-GB has double; French gets the same narrow
 * no-break space inside « » as the body). One book, one convention.
 */
export function withBookQuotes(localeXml: string, style: QuoteStyle): string {
  const marks: Record<(typeof quoteTerms)[number], string> = {
    'open-quote': style.openingQuotes.double,
    'close-quote': style.closingQuotes.double,
    'open-inner-quote': style.openingQuotes.single,
    'close-inner-quote': style.closingQuotes.single,
  }
  let xml = localeXml
  const missing: string[] = []
  for (const name of quoteTerms) {
    const term = new RegExp(`<term name="${name}"(?:\\s+form="long")?\\s*>[^<]*</term>`)
    const replacement = `<term name="${name}">${escapeXml(marks[name])}</term>`
    if (term.test(xml)) xml = xml.replace(term, replacement)
    else missing.push(replacement)
  }
  return missing.length === 0 ? xml : xml.replace(/<terms>/, `<terms>\n    ${missing.join('\n    ')}`)
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
