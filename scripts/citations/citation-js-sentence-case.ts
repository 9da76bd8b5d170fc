import { fieldTypes } from '@citation-js/plugin-bibtex/lib/input/constants.js'
import { valueGrammar } from '@citation-js/plugin-bibtex/lib/input/value.js'

/** Fields whose first letter starts a sentence (after the title's colon), sentence-cased like the title. */
export const subtitleFields = new Set(['subtitle', 'booksubtitle', 'mainsubtitle', 'issuesubtitle', 'journalsubtitle'])

let patched = false

/**
 * Make citation-js's sentence case do what pandoc's does
 * (https://pandoc.org/MANUAL.html#capitalization-in-titles): subtitles and an
 * issue's title are sentence-cased too, and each part of a hyphenated
 * compound is a word ("High-Speed" → "High-speed", "Write-Combining" →
 * "write-combining"). citation-js keeps its rules in its grammar object;
 * this wraps the one for text, once.
 */
export function patchSentenceCase(): void {
  if (patched) return
  patched = true
  for (const field of [...subtitleFields, 'issuetitle']) fieldTypes[field] = ['field', 'title']
  const text = valueGrammar.rules['Text']!
  valueGrammar.rules['Text'] = function (this) {
    const sentenceCase = this.state.sentenceCase && this.matchToken('text')
    const afterPunctuation = this.state.afterPunctuation
    const afterColon = this.state.afterColon === true
    const space = this.matchToken('whitespace')
    let value = text.call(this)
    // Braced text after the colon ("{An}") is the subtitle's start as typed.
    if (!space) this.state.afterColon = sentenceCase && value.endsWith(':')
    if (!sentenceCase) return value
    // A subtitle after the title's colon starts with a capital.
    if (afterColon) value = value.replace(/^\p{Ll}/u, (letter) => letter.toUpperCase())
    if (!value.includes('-')) return value
    return value
      .split('-')
      .map((part, index) => (index === 0 && afterPunctuation) || !/^\p{Lu}\p{Ll}*[^\p{L}]*$/u.test(part) ? part : part.toLowerCase())
      .join('-')
  }
}
