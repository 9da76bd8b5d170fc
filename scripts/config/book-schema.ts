import { z } from 'zod'
import { sheetNames } from './sheet-names.ts'

/** The trim sizes samizdat has page designs for (CSS Paged Media `size`); any other is written `WIDTH x HEIGHT` with a unit. */
export const pageSizes = ['A5', 'A6', 'A7', 'half-letter', 'quarter-letter', 'digest', '6x9', 'A4'] as const

/** A custom trim: `120mm x 170mm`, `4.25in × 5.5in`, `105 x 148 mm`. */
export const customPageSize = /^(\d+(?:\.\d+)?)\s*(mm|cm|in)?\s*[x×]\s*(\d+(?:\.\d+)?)\s*(mm|cm|in)$/

/** A named trim, or a custom one (see {@link customPageSize}). */
export const pageSize = z.string().superRefine((value, context) => {
  if ((pageSizes as readonly string[]).includes(value) || customPageSize.test(value.trim())) return
  context.addIssue({ code: 'invalid_value', values: [...pageSizes], input: value, message: `one of ${pageSizes.join(', ')}, or WIDTH x HEIGHT such as 120mm x 170mm` })
})

/** What book.yaml's `profile` sets up: a book (front matter, chapters on rectos) or a zine (no front matter, cover first, no blanks). */
export const profiles = ['book', 'zine'] as const

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
  pageSize: pageSize.default('A5'),
  /** `zine`: no half-title, colophon or contents unless asked, chapters on any page, the cover as page 1, no blank pages. */
  profile: z.enum(profiles).default('book'),
  /** Front matter to print (the zine profile leaves each out unless set to true). */
  halfTitle: z.boolean().optional(),
  colophon: z.boolean().optional(),
  contents: z.boolean().optional(),
  /** Bleed beyond the trim for a print shop, a CSS length (`3mm`, `0.125in`). */
  bleed: z.string().regex(/^\d+(\.\d+)?(mm|cm|in|pt|px)$/, 'a length such as 3mm or 0.125in').optional(),
  /** Make book.pdf and book-cover.pdf PDF/X for a print shop, through Ghostscript (flag: `--pdfx`). */
  pdf: z.enum(['x-1a', 'x-3']).optional(),
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
  /** The front cover: an image in the manuscript folder (PNG, JPEG, GIF, SVG, WebP); without it one is made from the title. */
  cover: z.string().optional(),
  /** The back cover's text, in Markdown (a blurb, a quotation, a price). */
  backCover: z.string().optional(),
  /** Put the front and back cover pages into `book.pdf` too (the booklet always has them); default: when `cover` or `backCover` is set. */
  printCover: z.boolean().optional(),
  /** The paper the book is printed on, for the spine of `book-cover.pdf`: pages per inch (a printer's PPI) or one leaf's thickness. */
  paper: z
    .strictObject({
      ppi: z.number().min(100).max(2000).optional(),
      caliper: z.string().regex(/^\d+(\.\d+)?(mm|in|pt)$/, 'a thickness such as 0.1mm or 0.004in').optional(),
    })
    .default({}),
  typeface: z.string().default('Literata'),
  /** Your own CSS for the print edition, after samizdat's: one file in the book folder, or a list. */
  stylesheet: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  /** Font files in the book folder (TrueType, OpenType, WOFF, WOFF2) that the stylesheets may name by their family. */
  fonts: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  /** The body type's size and the line spacing, e.g. `10pt` and `13.5pt` (default: the page size's design). */
  fontSize: z.string().regex(/^\d+(\.\d+)?pt$/, 'a size in points such as 10pt').optional(),
  leading: z.string().regex(/^\d+(\.\d+)?pt$/, 'a line spacing in points such as 13.5pt').optional(),
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
