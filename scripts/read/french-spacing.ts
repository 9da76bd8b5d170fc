// Imprimerie nationale's rules (Lexique des règles typographiques): a narrow
// no-break space (U+202F) inside « » and before ; ! ?, a no-break space
// (U+00A0) before a colon; the space a writer typed there becomes the
// no-break one, so no line starts with the mark. Not between marks (`?!`),
// and not where no space follows (`10:30`, a URL's `://` or `?q=`).

/** What ends a word before high punctuation: a letter, a digit, a closing mark. */
const before = String.raw`[\p{L}\p{N}»›)\]’”…]`
const after = String.raw`(?=[\s»›)\]’”,.]|$)`
const highPunctuation = new RegExp(`(?<=${before})[ \\u00A0\\u202F]?([;!?])${after}`, 'gu')
const colon = new RegExp(`(?<=${before})[ \\u00A0\\u202F]?:${after}`, 'gu')

/** French spacing in one text node's value. */
export function frenchSpacing(value: string): string {
  if (!/[«»‹›;:!?]/.test(value)) return value
  return value
    .replace(/([«‹])\u202F? +|([«‹]) *\u202F/g, (_, a: string | undefined, b: string | undefined) => `${a ?? b}\u202F`)
    .replace(/ +\u202F?([»›])|\u202F *([»›])/g, (_, a: string | undefined, b: string | undefined) => `\u202F${a ?? b}`)
    .replace(highPunctuation, (match, mark: string) => (/^[\u00A0\u202F]/.test(match) ? match : `\u202F${mark}`))
    .replace(colon, (match) => (/^[\u00A0\u202F]/.test(match) ? match : '\u00A0:'))
}
