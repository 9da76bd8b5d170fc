import type { Rect } from './place-page.ts'
import type { Size } from './sheet-sizes.ts'

/** One panel of the one-sheet zine: where it is on the sheet and whether it is printed upside down. */
export interface ZineCell extends Rect {
  /** 0 is the leftmost column on the printed side. */
  readonly column: 0 | 1 | 2 | 3
  readonly row: 'top' | 'bottom'
  /** Counter-clockwise turn of the page in the panel: the top row is upside down. */
  readonly rotation: 0 | 180
}

/** A straight line on the sheet, in PDF points. */
export interface Line {
  readonly x1: number
  readonly y1: number
  readonly x2: number
  readonly y2: number
}

// The classic mini-zine, printed side up, landscape (page numbers):
//
//   top row, upside down:  5 4 3 2
//   bottom row:            6 7 8 1
//
// Folded in half along the long side (printed side out), each column becomes
// a leaf: the bottom panel on one face, the top panel on the other, turned by
// the fold. Cutting the middle of the fold lets the centre open into the
// spine; page 1 (bottom right) is then the front cover, page 8 beside it the back.
const panels: readonly [ZineCell['column'], ZineCell['row']][] = [
  [3, 'bottom'],
  [3, 'top'],
  [2, 'top'],
  [1, 'top'],
  [0, 'top'],
  [0, 'bottom'],
  [1, 'bottom'],
  [2, 'bottom'],
]

/** The eight panels of a landscape sheet, indexed by zine page (0 = front cover, 7 = back cover). */
export function zine8Cells(sheet: Size): ZineCell[] {
  const width = sheet.width / 4
  const height = sheet.height / 2
  return panels.map(([column, row]) => ({
    x: column * width,
    y: row === 'top' ? height : 0,
    width,
    height,
    column,
    row,
    rotation: row === 'top' ? 180 : 0,
  }))
}

/** The cut: along the middle of the sheet, across the two central columns only. */
export function zine8CutLine(sheet: Size): Line {
  const y = sheet.height / 2
  return { x1: sheet.width / 4, y1: y, x2: (3 * sheet.width) / 4, y2: y }
}

/** The folds: the three between the columns, and the long one along the middle. */
export function zine8FoldLines(sheet: Size): Line[] {
  const columns = [1, 2, 3].map((index) => (index * sheet.width) / 4)
  return [
    ...columns.map((x) => ({ x1: x, y1: 0, x2: x, y2: sheet.height })),
    { x1: 0, y1: sheet.height / 2, x2: sheet.width, y2: sheet.height / 2 },
  ]
}

/**
 * Which source page goes on each zine page (null = blank): the first eight
 * pages, blanks at the end; with `keepLastPage` the source's last page is the
 * back cover and the blanks (or the pages that do not fit) come before it.
 */
export function zine8Pages(pageCount: number, keepLastPage = false): (number | null)[] {
  const keep = keepLastPage && pageCount > 1
  const body = Math.min(keep ? pageCount - 1 : pageCount, keep ? 7 : 8)
  const pages: (number | null)[] = Array.from({ length: body }, (_, index) => index)
  while (pages.length < (keep ? 7 : 8)) pages.push(null)
  if (keep) pages.push(pageCount - 1)
  return pages
}
