import { describeSheet, type Sheet } from './sheet-sizes.ts'

/** How to print, cut and fold the one-sheet zine, as lines for the terminal. */
export function zineInstructions(sheet: Sheet, scale: number, blanks: number): string[] {
  const lines = [
    `Print the one page on a single ${describeSheet(sheet)} sheet, one-sided, at actual size (100%, not "fit to page").`,
    'Crease the folds: in half the long way, in half the short way, then each half again, so the sheet shows 8 panels; unfold.',
    'Fold in half the short way and cut along the dashed line from the fold to the next crease, through the two middle panels only; unfold.',
    'Fold in half the long way, printed side out; push the two ends together so the cut opens, then flatten it into a booklet with page 1 (bottom right panel) on the front.',
  ]
  if (blanks > 0) lines.push(`${blanks} of the 8 panels are blank: the source has fewer than 8 pages.`)
  if (scale < 0.999) lines.push(`Each page is printed at ${Math.round(scale * 100)}% of its size to fit its panel.`)
  return lines
}
