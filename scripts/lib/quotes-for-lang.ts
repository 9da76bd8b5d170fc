/** Opening and closing quotation marks of a language, for smart typography. */
export interface QuoteStyle {
  readonly openingQuotes: { readonly double: string; readonly single: string }
  readonly closingQuotes: { readonly double: string; readonly single: string }
}

const english: QuoteStyle = { openingQuotes: { double: '“', single: '‘' }, closingQuotes: { double: '”', single: '’' } }
const german: QuoteStyle = { openingQuotes: { double: '„', single: '‚' }, closingQuotes: { double: '“', single: '‘' } }
const guillemets: QuoteStyle = {
  openingQuotes: { double: '«\u202F', single: '‹\u202F' },
  closingQuotes: { double: '\u202F»', single: '\u202F›' },
}
const guillemetsPlain: QuoteStyle = { openingQuotes: { double: '«', single: '‹' }, closingQuotes: { double: '»', single: '›' } }
const swedish: QuoteStyle = { openingQuotes: { double: '”', single: '’' }, closingQuotes: { double: '”', single: '’' } }
const polish: QuoteStyle = { openingQuotes: { double: '„', single: '‚' }, closingQuotes: { double: '”', single: '’' } }
const slavic: QuoteStyle = { openingQuotes: { double: '«', single: '„' }, closingQuotes: { double: '»', single: '“' } }

// Conventions from the Unicode CLDR delimiters data (quotationStart/End).
const byLanguage: Record<string, QuoteStyle> = {
  de: german,
  cs: german,
  sk: german,
  da: { openingQuotes: { double: '»', single: '›' }, closingQuotes: { double: '«', single: '‹' } },
  fr: guillemets,
  es: guillemetsPlain,
  it: guillemetsPlain,
  ru: slavic,
  uk: slavic,
  sv: swedish,
  fi: swedish,
  pl: polish,
  hu: polish,
  ro: polish,
}

/** The quotation marks smart typography uses for a BCP 47 tag (English as fallback). */
export function quotesForLang(lang: string): QuoteStyle {
  const tag = lang.toLowerCase()
  if (tag === 'de-ch') return guillemetsPlain
  return byLanguage[tag.split('-')[0] ?? 'en'] ?? english
}
