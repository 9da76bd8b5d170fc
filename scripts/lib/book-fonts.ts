import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'

/** One WOFF2 file of the book face, with the @font-face rule that uses it. */
export interface FontFace {
  readonly family: string
  readonly weight: number
  readonly style: 'normal' | 'italic'
  /** Absolute path of the WOFF2 file (TrueType-flavoured: embeds as a subset in Chromium PDFs). */
  readonly file: string
  /** Name to copy it under, inside the output's font folder. */
  readonly name: string
  readonly unicodeRange: string
}

/** The book face: its faces for the characters the book uses, and the CSS that declares them. */
export interface BookFonts {
  readonly family: string
  readonly faces: readonly FontFace[]
  /** `@font-face` rules with `url(<fontDir>/<name>)`. */
  css(fontDir: string): string
}

const require = createRequire(import.meta.url)
// Regular, italic, bold and bold italic: what running text, emphasis and headings use.
const cuts = [
  { weight: 400, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'normal' },
  { weight: 700, style: 'italic' },
] as const

/**
 * Load the `@fontsource/<typeface>` package's faces, keeping only the unicode
 * subsets that `text` needs (an EPUB or a PDF should not carry Cyrillic it
 * never shows).
 */
export async function loadBookFonts(typeface: string, text: string, options: { readonly math?: boolean } = {}): Promise<BookFonts> {
  const packageName = `@fontsource/${typeface.toLowerCase().replace(/\s+/g, '-')}`
  let packageDir: string
  try {
    packageDir = path.dirname(require.resolve(`${packageName}/package.json`))
  } catch {
    throw new Error(`Typeface \`${typeface}\` is not installed: run \`npm install ${packageName}\` (any Open Font Licence face from fontsource works), or remove \`typeface\` from book.yaml to use Literata`)
  }
  // A plain loop: spreading a long book's text into an array of characters first costs seconds.
  const used = new Set<number>()
  for (const character of text) used.add(character.codePointAt(0)!)
  const faces: FontFace[] = []
  let family = typeface
  for (const cut of cuts) {
    const cssFile = path.join(packageDir, `${cut.weight}${cut.style === 'italic' ? '-italic' : ''}.css`)
    const css = await readFile(cssFile, 'utf8').catch(() => '')
    for (const rule of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
      const body = rule[1] ?? ''
      const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(body)?.[1]
      const unicodeRange = /unicode-range:\s*([^;]+);/.exec(body)?.[1]?.trim() ?? 'U+0-10FFFF'
      family = /font-family:\s*'([^']+)'/.exec(body)?.[1] ?? family
      if (file && coversAny(unicodeRange, used)) {
        faces.push({ family, weight: cut.weight, style: cut.style, file: path.join(packageDir, 'files', file), name: file, unicodeRange })
      }
    }
  }
  if (options.math) faces.push(mathFace())
  return { family, faces, css: (fontDir) => faces.map((face) => fontFaceRule(face, fontDir)).join('\n') }
}

/**
 * STIX Two Math (SIL Open Font Licence, `@fontsource/stix-two-math`), whole:
 * Chromium lays MathML out with the font's MATH table (fraction rules,
 * stretchy brackets, sub- and superscript shifts), which a subset would lose;
 * TrueType-flavoured, so the PDF embeds it. Styles set it on `math` only.
 */
function mathFace(): FontFace {
  const name = 'stix-two-math-latin-400-normal.woff2'
  const file = path.join(path.dirname(require.resolve('@fontsource/stix-two-math/package.json')), 'files', name)
  return { family: mathFamily, weight: 400, style: 'normal', file, name, unicodeRange: 'U+0-10FFFF' }
}

/** The family of the face `math` elements are set in. */
export const mathFamily = 'STIX Two Math'

function fontFaceRule(face: FontFace, fontDir: string): string {
  return `@font-face {
  font-family: '${face.family}';
  font-style: ${face.style};
  font-weight: ${face.weight};
  font-display: block;
  src: url(${fontDir}/${face.name}) format('woff2');
  unicode-range: ${face.unicodeRange};
}`
}

/** Does a CSS `unicode-range` value cover any of the code points? */
function coversAny(unicodeRange: string, used: ReadonlySet<number>): boolean {
  const covers = unicodeRangeTest(unicodeRange)
  for (const codePoint of used) if (covers(codePoint)) return true
  return false
}

/** Whether a CSS `unicode-range` (`U+0000-00FF, U+0131, …`) covers a code point. */
export function unicodeRangeTest(unicodeRange: string): (codePoint: number) => boolean {
  const ranges = unicodeRange.split(',').map((part) => {
    const [start, end] = part.trim().replace(/^U\+/i, '').split('-')
    const low = Number.parseInt(start ?? '0', 16)
    return [low, end ? Number.parseInt(end, 16) : low] as const
  })
  return (codePoint) => ranges.some(([low, high]) => codePoint >= low && codePoint <= high)
}
