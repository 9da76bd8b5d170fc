import { z } from 'zod'
import { sheetNames } from './sheet-names.ts'

/** The trim sizes samizdat has page designs for (CSS Paged Media `size`). */
export const pageSizes = ['A5', 'A6', 'half-letter', '6x9', 'A4'] as const

const personList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])

// A web address the colophon links to: `javascript:` or `file:` must not become a link in the book.
const webAddress = z.url({ protocol: /^https?$/, message: 'a web address starting with https://' })

/** A word as it may break: letters, with a hyphen at each break point. */
const hyphenationWord = z.string().regex(/^[\p{L}\p{M}'’]+(-[\p{L}\p{M}'’]+)*$/u, 'a word with a hyphen at each place it may break, such as hy-phen-ation')

/**
 * The schema of `book.yaml`. Every CLI flag has a twin here; unknown keys are
 * errors (a typo must not be silently ignored).
 */
export const bookSchema = z.strictObject({
  title: z.string().min(1),
  subtitle: z.string().min(1).optional(),
  author: personList.optional(),
  editor: personList.optional(),
  lang: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'a BCP 47 language tag such as en-GB')
    .default('en'),
  /** Which of the language's quotation marks come first (CLDR), or the four marks written out. */
  quotes: z
    .union([z.enum(['double', 'single']), z.string().regex(/^\S{4}$/u, 'four quotation marks, e.g. «»“”')])
    .optional(),
  date: z
    .union([z.string(), z.date()])
    .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
    .pipe(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date written YYYY, YYYY-MM or YYYY-MM-DD'))
    .optional(),
  edition: z.string().optional(),
  rights: z.string().optional(),
  licence: z
    .strictObject({ name: z.string().min(1), url: webAddress.optional() })
    .optional(),
  publisher: z.string().optional(),
  identifier: z.string().min(1).optional(),
  description: z.string().optional(),
  keywords: z.array(z.string()).default([]),
  source: z.strictObject({ title: z.string().optional(), url: webAddress }).optional(),
  chapters: z.array(z.string().min(1)).min(1).optional(),
  pageSize: z.enum(pageSizes).default('A5'),
  /** Bleed beyond the trim for a print shop, a CSS length (`3mm`, `0.125in`). */
  bleed: z.string().regex(/^\d+(\.\d+)?(mm|cm|in|pt|px)$/, 'a length such as 3mm or 0.125in').optional(),
  /** Printer's marks drawn in the bleed (CSS Paged Media `marks`). */
  marks: z.enum(['crop', 'cross', 'crop cross']).optional(),
  /** How `dist/book-booklet.pdf` is imposed. */
  booklet: z
    .strictObject({
      sheet: z.enum(sheetNames).optional(),
      creep: z.number().min(0).max(2).optional(),
      signature: z.number().int().min(1).max(64).optional(),
      marks: z.boolean().optional(),
      keepLastPage: z.boolean().optional(),
    })
    .default({}),
  bibliography: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
  csl: z.string().min(1).default('chicago-note-bibliography'),
  nocite: z.array(z.string()).default([]),
  numberSections: z.boolean().default(false),
  cover: z.string().optional(),
  typeface: z.string().default('Literata'),
  hyphenate: z.boolean().default(true),
  /**
   * Hyphenation exceptions: words with a hyphen where each may break (none: never broken), for the
   * book's language, or by language tag (`en-GB:`, `fr:`). They win over the built-in ones.
   */
  hyphenation: z.union([z.array(hyphenationWord), z.record(z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en-GB'), z.array(hyphenationWord))]).optional(),
  trustedHtml: z.boolean().default(false),
  strict: z.boolean().default(false),
})

/** `book.yaml` as written. */
export type BookInput = z.input<typeof bookSchema>
/** `book.yaml` after defaults. */
export type BookConfig = z.output<typeof bookSchema>
