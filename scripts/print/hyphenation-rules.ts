/** How a language's words may break: the shortest word broken, letters kept before and after a break. */
export interface HyphenationMinima {
  readonly minWordLength: number
  readonly leftMin: number
  readonly rightMin: number
}

/**
 * Per language, by primary subtag. Words of fewer than 7 letters never
 * break (a short word broken saves little and reads badly: "lad-der",
 * "per-son"). TeX's defaults are 2 before and 3 after a break (plain.tex's
 * \lefthyphenmin/\righthyphenmin), and babel keeps them for most languages.
 * English here keeps 3 on each side: a two-letter head is where misleading
 * breaks gather ("re-cords", "be-nefits", "el-even"), and a reader needs
 * three letters to guess the word across the line. German keeps 2/2 as
 * babel's ngerman does (long compounds break at their joins, "Ver-ant-"),
 * French 2/3 as babel's french.
 */
const minimaByLanguage: Readonly<Record<string, Partial<HyphenationMinima>>> = {
  en: { leftMin: 3, rightMin: 3 },
  de: { leftMin: 2, rightMin: 2 },
  fr: { leftMin: 2, rightMin: 3 },
}

const texDefaults: HyphenationMinima = { minWordLength: 7, leftMin: 2, rightMin: 3 }

/** The minima for a BCP 47 tag (`en-GB` → English's). */
export function hyphenationMinima(lang: string): HyphenationMinima {
  const primary = lang.toLowerCase().split('-')[0] ?? ''
  return { ...texDefaults, ...minimaByLanguage[primary] }
}

/**
 * Words the patterns get wrong, written with a hyphen at each place they may
 * break (a word with none never breaks), by primary subtag. English: words
 * the patterns break against their sense or that read as another word
 * across a line ("re-cord" the verb for the noun), and British spellings the
 * American patterns do not know. A book adds its own in book.yaml
 * (`hyphenation:`), which win over these.
 */
export const builtInExceptions: Readonly<Record<string, readonly string[]>> = {
  en: [
    // Noun and verb break differently ("rec-ord", "re-cord"): kept whole rather than broken as the wrong one.
    'record',
    'records',
    'present',
    'presents',
    'project',
    'projects',
    'progress',
    'object',
    'objects',
    'produce',
    'refuse',
    'eleven',
    // British spellings: the American patterns break them where the American spelling would.
    'colour',
    'colours',
    'labour',
    'theatre',
    'centre',
    'centres',
  ],
}
