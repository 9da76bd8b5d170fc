import { type Command, InvalidArgumentError, Option } from 'commander'
import { customPageSize, pageSizes, profiles } from '../config/book-schema.ts'
import type { BookOverrides } from '../config/resolve-book.ts'

/** Printer's marks `--marks` can ask for (CSS Paged Media `marks`: https://www.w3.org/TR/css-page-3/#marks). */
export const markKinds = ['crop', 'cross'] as const
/** The CSS `marks` value: `crop`, `cross`, or both (book.yaml's `marks`). */
export type Marks = NonNullable<BookOverrides['marks']>


/** The book flags as commander parses them. */
export interface BookFlags {
  readonly pageSize?: string
  readonly profile?: (typeof profiles)[number]
  readonly csl?: string
  readonly strict?: boolean
  readonly bleed?: string
  readonly marks?: Marks
  readonly pdfx?: true | 'x-1a' | 'x-3'
}

/** Add the flags that override book.yaml keys (each names its twin) to `command`. */
export function addBookFlags(command: Command): Command {
  return command
    .option('--page-size <size>', `trim size: ${pageSizes.join(', ')}, or WIDTH x HEIGHT such as 120mm x 170mm (book.yaml: pageSize)`, parsePageSize)
    .addOption(new Option('--profile <profile>', 'book, or zine: no front matter, chapters on any page, the cover first, no blanks (book.yaml: profile)').choices(profiles))
    .option('--csl <style>', 'citation style: a CSL style name or .csl file (book.yaml: csl)')
    .option('--bleed <length>', 'bleed around each page for trimming, e.g. 3mm or 0.125in (book.yaml: bleed)', parseLength)
    .option('--marks <kinds>', 'printer\'s marks outside the page: crop, cross or crop,cross (book.yaml: marks)', parseMarks)
    .addOption(new Option('--pdfx [level]', 'make book.pdf PDF/X for a print shop with Ghostscript: x-1a (the default) or x-3 (book.yaml: pdf)').choices(['x-1a', 'x-3']))
    .option('--strict', 'treat warnings as errors (book.yaml: strict)')
}

/** Only the flags that were given: an absent flag must not hide the book.yaml value. */
export function bookOverrides(flags: BookFlags): BookOverrides {
  return {
    ...(flags.pageSize ? { pageSize: flags.pageSize } : {}),
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.csl ? { csl: flags.csl } : {}),
    ...(flags.strict ? { strict: true } : {}),
    ...(flags.bleed ? { bleed: flags.bleed } : {}),
    ...(flags.marks ? { marks: flags.marks } : {}),
    ...(flags.pdfx ? { pdf: flags.pdfx === true ? 'x-1a' : flags.pdfx } : {}),
  }
}

/** Commander parser for `--page-size`: a named trim (any case), or a custom `WIDTH x HEIGHT` with a unit. */
export function parsePageSize(value: string): string {
  const named = pageSizes.find((size) => size.toLowerCase() === value.trim().toLowerCase())
  if (named) return named
  if (customPageSize.test(value.trim().toLowerCase())) return value.trim().toLowerCase()
  throw new InvalidArgumentError(`\`${value}\` is not a page size: choose ${pageSizes.join(', ')}, or write WIDTH x HEIGHT such as 120mm x 170mm`)
}

/** Commander parser for `--bleed`: a CSS length in mm, cm, in, pt or px (the print stage's pattern). */
export function parseLength(value: string): string {
  const length = value.trim().toLowerCase()
  const match = /^(\d+(?:\.\d+)?)(mm|cm|in|pt|px)$/.exec(length)
  if (!match) {
    throw new InvalidArgumentError(`\`${value}\` is not a length: write a number with a unit, such as 3mm, 0mm or 0.125in`)
  }
  if (lengthInMm(Number(match[1]), match[2]!) > 25) {
    throw new InvalidArgumentError(`\`${value}\` is more bleed than a printer trims: 3mm (0.125in) is usual`)
  }
  return length
}

/** Commander parser for `--marks`: `crop`, `cross`, or both separated by a comma or a space. */
export function parseMarks(value: string): Marks {
  const kinds = value
    .split(/[\s,]+/)
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)
  if (kinds.length === 0) throw new InvalidArgumentError('give crop, cross or crop,cross')
  for (const kind of kinds) {
    if (!(markKinds as readonly string[]).includes(kind)) throw new InvalidArgumentError(`unknown mark \`${kind}\`; choose crop, cross or crop,cross`)
  }
  const crop = kinds.includes('crop')
  const cross = kinds.includes('cross')
  return crop && cross ? 'crop cross' : crop ? 'crop' : 'cross'
}

function lengthInMm(amount: number, unit: string): number {
  const perUnit: Record<string, number> = { mm: 1, cm: 10, in: 25.4, pt: 25.4 / 72, px: 25.4 / 96 }
  return amount * (perUnit[unit] ?? 1)
}
