import { customPageSize, type pageSizes } from '../config/book-schema.ts'

/** A trim size samizdat designs for, or a custom `WIDTH x HEIGHT`. */
export type PageSize = (typeof pageSizes)[number] | (string & {})

/** Print-shop options: bleed around the trim and printer's marks in it. */
export interface PrintOptions {
  /** Bleed beyond the trim, a CSS length such as `3mm`. */
  readonly bleed?: string
  /** Printer's marks drawn in the bleed. */
  readonly marks?: 'crop' | 'cross' | 'crop cross'
  /** Print a half-title (the title alone, on the first recto) before the title page (default true). */
  readonly halfTitle?: boolean
}

/** One page design: trim, margins (mm) and the body type (pt). */
export interface PageDesign {
  readonly width: number
  readonly height: number
  readonly top: number
  readonly bottom: number
  /** The gutter side: wider, so text does not run into the binding. */
  readonly inner: number
  readonly outer: number
  readonly fontSize: number
  readonly leading: number
}

// The inner margin is wider than the outer (a glued or stapled spine eats
// into it) and the foot deeper than the head, so the text block sits a little
// high and outward; the measure stays near 60–70 characters (50 on A6).
const designs: Readonly<Record<(typeof pageSizes)[number], PageDesign>> = {
  // A7 and quarter-letter: the pocket zine (a quarter of an A5 or half-letter sheet, eight to a sheet of A4 or letter).
  A7: { width: 74, height: 105, top: 9, bottom: 12, inner: 9, outer: 7, fontSize: 8, leading: 10.5 },
  'quarter-letter': { width: 107.95, height: 139.7, top: 12, bottom: 15, inner: 13, outer: 10, fontSize: 9, leading: 12 },
  A6: { width: 105, height: 148, top: 13, bottom: 17, inner: 15, outer: 11, fontSize: 9, leading: 12 },
  digest: { width: 139.7, height: 209.55, top: 17, bottom: 21, inner: 19, outer: 14, fontSize: 10.5, leading: 14 },
  A5: { width: 148, height: 210, top: 18, bottom: 22, inner: 20, outer: 15, fontSize: 10.5, leading: 14 },
  'half-letter': { width: 139.7, height: 215.9, top: 18, bottom: 23, inner: 19, outer: 14, fontSize: 10.5, leading: 14 },
  '6x9': { width: 152.4, height: 228.6, top: 19, bottom: 24, inner: 21, outer: 16, fontSize: 11, leading: 14.5 },
  A4: { width: 210, height: 297, top: 25, bottom: 32, inner: 34, outer: 28, fontSize: 12, leading: 16 },
}

const mmPer: Readonly<Record<string, number>> = { mm: 1, cm: 10, in: 25.4 }

/** The page design for a trim size: a named one, or one made in proportion to a custom `WIDTH x HEIGHT`. */
export function pageDesign(size: PageSize): PageDesign {
  const named = (designs as Readonly<Record<string, PageDesign>>)[size]
  if (named) return named
  const match = customPageSize.exec(size.trim())
  if (!match) throw new Error(`Page size \`${size}\` is neither a named size nor WIDTH x HEIGHT`)
  const unit = mmPer[match[4]!]!
  return proportionalDesign(Number(match[1]) * (match[2] ? mmPer[match[2]]! : unit), Number(match[3]) * unit)
}

/**
 * Margins and type for a custom trim, in the proportions of the named
 * designs: the type grows with the page's width from 8pt at A7 to 12pt at
 * A4 (and no further either way), the leading a third more than the type.
 */
export function proportionalDesign(width: number, height: number): PageDesign {
  const fontSize = Math.round(Math.min(12, Math.max(8, 8 + ((width - 74) / (210 - 74)) * 4)) * 2) / 2
  const mm = (value: number) => Math.round(value * 10) / 10
  return {
    width: Math.round(width * 100) / 100,
    height: Math.round(height * 100) / 100,
    top: mm(height * 0.086),
    bottom: mm(height * 0.107),
    inner: mm(width * 0.135),
    outer: mm(width * 0.1),
    fontSize,
    leading: Math.round(fontSize * 1.33 * 2) / 2,
  }
}

/**
 * About how many characters of running head fit on one line: the centred
 * head box is 84% of the measure (print.css gives each folio 8%), set at
 * 0.85em italic, whose average character is a little under half an em.
 */
export function runningHeadCapacity(size: PageSize): number {
  const design = pageDesign(size)
  const boxPt = ((design.width - design.inner - design.outer) / 25.4) * 72 * 0.84
  return Math.floor(boxPt / (design.fontSize * 0.85 * 0.47))
}

const bleedPattern = /^\d+(\.\d+)?(mm|cm|in|pt|px)$/

/**
 * The size-dependent part of the print stylesheet: `@page` size, mirrored
 * margins, bleed and marks, and the body type as custom properties that
 * `print.css` uses. https://www.w3.org/TR/css-page-3/#page-size-prop
 */
export function printPageCss(size: PageSize, options: PrintOptions = {}): string {
  const design = pageDesign(size)
  if (options.bleed !== undefined && !bleedPattern.test(options.bleed)) {
    throw new Error(`Bleed \`${options.bleed}\` is not a length: write it like \`3mm\``)
  }
  const mm = (value: number) => `${value}mm`
  const page = [
    `size: ${mm(design.width)} ${mm(design.height)};`,
    `margin: ${mm(design.top)} ${mm(design.outer)} ${mm(design.bottom)} ${mm(design.inner)};`,
    ...(options.bleed ? [`bleed: ${options.bleed};`] : []),
    ...(options.marks ? [`marks: ${options.marks};`] : []),
  ]
  return `/* Generated by samizdat for the ${size} trim. */
@page {
  ${page.join('\n  ')}
}
/* Mirrored margins: the inner (gutter) margin is on the left of a recto, the right of a verso. */
@page :right { margin-left: ${mm(design.inner)}; margin-right: ${mm(design.outer)}; }
@page :left { margin-left: ${mm(design.outer)}; margin-right: ${mm(design.inner)}; }
:root {
  --body-size: ${design.fontSize}pt;
  --leading: ${design.leading}pt;
  --text-width: ${mm(round(design.width - design.inner - design.outer))};
  --text-height: ${mm(round(design.height - design.top - design.bottom))};
  --page-width: ${mm(design.width)};
  --page-height: ${mm(design.height)};
  --bleed: ${options.bleed ?? '0mm'};
}
`
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
