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
 * The sheet for a booklet: the one given, or else `home` (A4 or Letter, the
 * paper a home printer takes: see homeSheet), oriented for two pages side by
 * side. Pages too big for it are scaled down (the instructions say so); a
 * bigger sheet is the user's to ask for.
 */
export function bookletSheet(page: Size, name?: SheetName, home: 'A4' | 'letter' = 'A4'): Sheet {
  const chosen = name ?? home
  return orientForSpread(chosen, sheetSizes[chosen], page)
}

/** The sheet for a one-sheet zine, landscape: the one given, or else `home` (see homeSheet). */
export function zineSheet(name?: SheetName, home: 'A4' | 'letter' = 'A4'): Sheet {
  const chosen = name ?? home
  return landscape(chosen, sheetSizes[chosen])
}

/** Describe a sheet for a person at a printer: `A4 landscape`, or a custom size in mm. */
export function describeSheet(sheet: Sheet): string {
  const orientation = sheet.width > sheet.height ? 'landscape' : 'portrait'
  if (sheet.name === 'custom') {
    return `custom ${ptToMm(sheet.width)} × ${ptToMm(sheet.height)} mm (${orientation})`
  }
  return `${sheet.name} ${orientation}`
}
