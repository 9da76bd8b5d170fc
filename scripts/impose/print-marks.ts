import { grayscale, type PDFPage } from 'pdf-lib'
import type { Rect } from './place-page.ts'
import type { Size } from './sheet-sizes.ts'
import type { Line } from './zine8-layout.ts'

const black = grayscale(0)
const hairline = 0.25
// Marks stop short of the trim so a slightly-off cut leaves no black edge on the page.
const gap = 3
const longest = 18
const shortest = 6

/**
 * Draw trim (crop) marks at the corners of `trim` and fold marks at `foldX`,
 * all outside the trimmed area so none ends up on a page. Returns false when
 * the pages fill the sheet and no mark has room.
 */
export function drawTrimAndFoldMarks(sheet: PDFPage, size: Size, trim: Rect, foldX: number): boolean {
  const right = trim.x + trim.width
  const top = trim.y + trim.height
  const room = { left: trim.x, right: size.width - right, bottom: trim.y, top: size.height - top }
  const length = (space: number) => Math.min(longest, space - gap)
  let drawn = false
  const line = (x1: number, y1: number, x2: number, y2: number, dashed = false) => {
    sheet.drawLine({
      start: { x: x1, y: y1 },
      end: { x: x2, y: y2 },
      thickness: hairline,
      color: black,
      ...(dashed ? { dashArray: [3, 2] } : {}),
    })
    drawn = true
  }
  for (const y of [trim.y, top]) {
    if (length(room.left) >= shortest) line(trim.x - gap, y, trim.x - gap - length(room.left), y)
    if (length(room.right) >= shortest) line(right + gap, y, right + gap + length(room.right), y)
  }
  for (const x of [trim.x, foldX, right]) {
    const dashed = x === foldX
    if (length(room.bottom) >= shortest) line(x, trim.y - gap, x, trim.y - gap - length(room.bottom), dashed)
    if (length(room.top) >= shortest) line(x, top + gap, x, top + gap + length(room.top), dashed)
  }
  return drawn
}

/** Draw the zine's cut as a dashed black line. */
export function drawCutLine(sheet: PDFPage, cut: Line): void {
  sheet.drawLine({
    start: { x: cut.x1, y: cut.y1 },
    end: { x: cut.x2, y: cut.y2 },
    thickness: 0.75,
    color: black,
    dashArray: [6, 4],
  })
}

/** Draw fold lines, dotted and light, so they guide the fold without showing on the pages much. */
export function drawFoldLines(sheet: PDFPage, folds: readonly Line[]): void {
  for (const fold of folds) {
    sheet.drawLine({
      start: { x: fold.x1, y: fold.y1 },
      end: { x: fold.x2, y: fold.y2 },
      thickness: hairline,
      color: grayscale(0.6),
      dashArray: [1, 3],
    })
  }
}
