import type { Sheet } from './sheet-sizes.ts'

/** What an imposition made, and how to print and fold it. */
export interface ImposeReport {
  readonly layout: 'booklet' | 'zine8'
  /** The paper, oriented as printed. */
  readonly sheet: Sheet
  readonly sourcePages: number
  /** Pages of the imposed PDF: printed sides. */
  readonly sides: number
  /** Sheets of paper. */
  readonly sheets: number
  readonly signatures: number
  /** Blank pages added (booklet: to reach a multiple of four; zine: to fill eight panels). */
  readonly blanks: number
  /** Scale of the first source page on the sheet (1 = actual size). */
  readonly scale: number
  /** Lines to print in the terminal: how to print, fold, cut and bind. */
  readonly instructions: readonly string[]
}
