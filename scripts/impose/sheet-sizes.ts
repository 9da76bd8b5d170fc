import { type SheetName, sheetNames } from '../config/sheet-names.ts'

/** A width and a height in PDF points (1/72 in). */
export interface Size {
  readonly width: number
  readonly height: number
}

/** A sheet of paper, oriented as it will be printed, with the name a printer knows it by. */
export interface Sheet extends Size {
  readonly name: string
}

/** Convert millimetres to PDF points. */
export function mmToPt(mm: number): number {
  return (mm * 72) / 25.4
}

/** Convert PDF points to millimetres, rounded to a whole millimetre for messages. */
export function ptToMm(pt: number): number {
  return Math.round((pt * 25.4) / 72)
}

/** Named paper sizes in points, portrait (ISO 216 and ANSI). */
export const sheetSizes: Readonly<Record<SheetName, Size>> = {
  A5: { width: mmToPt(148), height: mmToPt(210) },
  A4: { width: mmToPt(210), height: mmToPt(297) },
  A3: { width: mmToPt(297), height: mmToPt(420) },
  letter: { width: 612, height: 792 },
  tabloid: { width: 792, height: 1224 },
}

// Points lost to rounding mm → pt: two A4 pages are 1190.5512 pt, A3 is 1190.5511 pt.
const tolerance = 0.5

/** Find a sheet name given on the command line, ignoring case (`a4`, `Letter`). */
export function parseSheetName(text: string): SheetName | undefined {
  return sheetNames.find((name) => name.toLowerCase() === text.trim().toLowerCase())
}

/** How much `content` must be scaled to fit inside `box` (may be above 1). */
export function fitScale(content: Size, box: Size): number {
  return Math.min(box.width / content.width, box.height / content.height)
}

/** The sheet turned landscape (long side across). */
export function landscape(name: string, size: Size): Sheet {
  return {
    name,
    width: Math.max(size.width, size.height),
    height: Math.min(size.width, size.height),
  }
}

/**
 * Orient a named sheet so that two pages side by side get the largest scale
 * (for portrait pages that is landscape; ties go to landscape).
 */
export function orientForSpread(name: string, size: Size, page: Size): Sheet {
  const spread = { width: 2 * page.width, height: page.height }
  const wide = landscape(name, size)
  const tall = { name, width: wide.height, height: wide.width }
  return fitScale(spread, tall) > fitScale(spread, wide) ? tall : wide
}

/**
 * The sheet for a booklet: the one given, or else the smallest named sheet on
 * which two pages fit side by side at full size (A5 → A4, A6 → A5,
 * half-letter → letter). When no named sheet is big enough, a custom sheet
 * exactly two pages wide.
 */
export function bookletSheet(page: Size, name?: SheetName): Sheet {
  if (name) return orientForSpread(name, sheetSizes[name], page)
  const spread = { width: 2 * page.width, height: page.height }
  const fitting = sheetNames
    .map((candidate) => orientForSpread(candidate, sheetSizes[candidate], page))
    .filter((sheet) => fitScale(spread, { width: sheet.width + tolerance, height: sheet.height + tolerance }) >= 1)
    .sort((a, b) => a.width * a.height - b.width * b.height)
  return fitting[0] ?? { name: 'custom', ...spread }
}

/**
 * The sheet for a one-sheet zine, landscape: the one given, or else letter
 * when the pages are a US size, and A4 otherwise.
 */
export function zineSheet(page: Size, name?: SheetName): Sheet {
  if (name) return landscape(name, sheetSizes[name])
  return landscape(isUsSize(page) ? 'letter' : 'A4', sheetSizes[isUsSize(page) ? 'letter' : 'A4'])
}

// Whole-inch or half-inch sides (letter, half-letter, 6 × 9 in) mark a US book; ISO sizes are never.
function isUsSize(page: Size): boolean {
  const halfInches = (pt: number) => Math.abs(pt / 36 - Math.round(pt / 36)) < 0.01
  return halfInches(page.width) && halfInches(page.height)
}

/** Describe a sheet for a person at a printer: `A4 landscape`, or a custom size in mm. */
export function describeSheet(sheet: Sheet): string {
  const orientation = sheet.width > sheet.height ? 'landscape' : 'portrait'
  if (sheet.name === 'custom') {
    return `custom ${ptToMm(sheet.width)} × ${ptToMm(sheet.height)} mm (${orientation})`
  }
  return `${sheet.name} ${orientation}`
}
