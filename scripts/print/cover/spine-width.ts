/** The paper the book is printed on (book.yaml's `paper`). */
export interface Paper {
  /** Pages per inch of the text block, as a printer quotes it. */
  readonly ppi?: number | undefined
  /** One leaf's thickness, `0.1mm`, `0.004in` or `0.3pt`. */
  readonly caliper?: string | undefined
}

/** 80 gsm office paper, about 0.1 mm a leaf (ISO 536 weight; a typical caliper for uncoated offset). */
export const defaultCaliperMm = 0.1

const mmPer: Readonly<Record<string, number>> = { mm: 1, in: 25.4, pt: 25.4 / 72 }

/**
 * The spine's width in mm for a text block of `pages` pages (two a leaf): the
 * leaves times the paper's caliper, or the pages over the printer's pages
 * per inch; 80 gsm paper when neither is given. A cover board adds to it:
 * ask the printer and give their PPI.
 */
export function spineWidthMm(pages: number, paper: Paper = {}): number {
  if (paper.ppi) return (pages / paper.ppi) * 25.4
  const caliper = /^(\d+(?:\.\d+)?)(mm|in|pt)$/.exec(paper.caliper ?? '')
  const leafMm = caliper ? Number(caliper[1]) * mmPer[caliper[2]!]! : defaultCaliperMm
  return Math.ceil(pages / 2) * leafMm
}
