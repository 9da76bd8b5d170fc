import { fitScale, type Size } from './sheet-sizes.ts'

/** A rectangle in PDF points, origin at the bottom left of the sheet. */
export interface Rect extends Size {
  readonly x: number
  readonly y: number
}

/** A quarter turn, counter-clockwise, in degrees (PDF's direction of rotation). */
export type QuarterTurn = 0 | 90 | 180 | 270

/** Where to draw an embedded page: its origin, scale and turn, and the rectangle it covers. */
export interface Placement {
  readonly x: number
  readonly y: number
  readonly scale: number
  readonly rotate: QuarterTurn
  readonly covers: Rect
}

/** How to fit a page into its box. */
export interface PlaceOptions {
  /** Extra counter-clockwise turn (the zine's top row is upside down). */
  readonly turn?: 0 | 180
  /** Where the page sits across the box: against its left edge, its right edge, or centred. */
  readonly align?: 'left' | 'right' | 'center'
  /** Enlarge pages smaller than the box (otherwise they stay at 100%). */
  readonly enlarge?: boolean
}

/**
 * Fit a source page of `size` (its crop box, unrotated) into `box`. The
 * page's own `/Rotate` (clockwise, ISO 32000-1 §7.7.3.3) is honoured, so the
 * page appears as a viewer shows it; pages are centred vertically.
 */
export function placePage(size: Size, pageRotation: number, box: Rect, options: PlaceOptions = {}): Placement {
  const rotate = quarterTurn((options.turn ?? 0) - pageRotation)
  const sideways = rotate === 90 || rotate === 270
  const shown = sideways ? { width: size.height, height: size.width } : size
  const fit = fitScale(shown, box)
  // Half a point of slack: mm → pt rounding makes an A5 page 0.004 pt taller than half an A4 sheet.
  const fitsAsIs = shown.width <= box.width + 0.5 && shown.height <= box.height + 0.5
  const scale = options.enlarge ? fit : fitsAsIs ? 1 : fit
  const width = shown.width * scale
  const height = shown.height * scale
  const align = options.align ?? 'center'
  const left =
    align === 'left' ? box.x : align === 'right' ? box.x + box.width - width : box.x + (box.width - width) / 2
  const bottom = box.y + (box.height - height) / 2
  const covers = { x: left, y: bottom, width, height }
  // pdf-lib turns the page about its drawing origin, so the origin moves to
  // whichever corner the page's own bottom-left lands on after the turn.
  const formWidth = size.width * scale
  const formHeight = size.height * scale
  const origins: Record<QuarterTurn, [number, number]> = {
    0: [left, bottom],
    90: [left + formHeight, bottom],
    180: [left + formWidth, bottom + formHeight],
    270: [left, bottom + formWidth],
  }
  const [x, y] = origins[rotate]
  return { x, y, scale, rotate, covers }
}

/** Normalise an angle in degrees to a quarter turn in 0–270 (non-quarter angles count as 0, as viewers do). */
export function quarterTurn(degrees: number): QuarterTurn {
  const normal = ((Math.round(degrees) % 360) + 360) % 360
  return normal === 90 || normal === 180 || normal === 270 ? normal : 0
}
