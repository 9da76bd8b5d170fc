import { describeSheet, type Sheet } from './sheet-sizes.ts'

/** The facts about a booklet that the printing instructions need. */
export interface BookletFacts {
  readonly sheet: Sheet
  readonly sides: number
  /** Sheets in each signature, in order. */
  readonly signatureSheets: readonly number[]
  readonly blanks: number
  readonly keepLastPage: boolean
  readonly scale: number
  readonly creepMm: number
  /** What trimming is needed: none (pages fill the sheet), along the marks, or to a size. */
  readonly trim: 'none' | 'marks' | string
}

/** How to print, fold and bind a booklet, as lines for the terminal. */
export function bookletInstructions(facts: BookletFacts): string[] {
  const sheets = facts.sides / 2
  const lines = [
    `Print all ${facts.sides} sides on ${plural(sheets, 'sheet')} of ${describeSheet(facts.sheet)} paper: double-sided, "flip on short edge", at actual size (100%, not "fit to page").`,
  ]
  const count = facts.signatureSheets.length
  if (count === 1) {
    lines.push(
      'Keep the sheets in printed order, the first sheet outside; fold the stack in half together and staple twice along the fold (saddle stitch).',
    )
  } else {
    let first = 1
    const groups = facts.signatureSheets.map((size, index) => {
      const group = `${index + 1}: sheets ${first}–${first + size - 1}`
      first += size
      return group
    })
    lines.push(
      `The book is in ${count} signatures (${groups.join('; ')}). Fold each signature's sheets in half together, stack the folded signatures in order, and sew or glue them along the spine.`,
    )
  }
  if (facts.blanks > 0) {
    const where = facts.keepLastPage ? 'just before the last page' : 'at the end'
    lines.push(`${plural(facts.blanks, 'blank page')} added ${where}, to make the page count a multiple of four.`)
  }
  if (facts.creepMm > 0) {
    const deepest = Math.max(...facts.signatureSheets) - 1
    lines.push(
      `Creep: each inner sheet's pages are moved ${facts.creepMm} mm further toward the fold (${round(facts.creepMm * deepest)} mm on the innermost), so margins match after trimming.`,
    )
  }
  if (facts.scale < 0.999) {
    lines.push(`The pages were scaled to ${Math.round(facts.scale * 100)}% to fit two on one ${facts.sheet.name} sheet; choose a bigger --sheet for actual size.`)
  }
  if (facts.trim === 'marks') lines.push('After folding, trim the head, foot and fore-edge along the trim marks.')
  else if (facts.trim !== 'none') lines.push(`After folding, trim the head, foot and fore-edge to the page size (${facts.trim}).`)
  lines.push(
    'No duplex printer? Print the odd sides, put the stack back in the tray, then print the even sides; try one sheet first to see which way round the paper goes.',
  )
  return lines
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

function round(mm: number): number {
  return Math.round(mm * 100) / 100
}
