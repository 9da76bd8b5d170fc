import type { PageMeasures } from './measure-typesetting.ts'

/** A layout's measures with its pages moved on by `pageOffset` and its `data-sid`s by `sidShift`. */
export function shiftMeasures(measures: PageMeasures, pageOffset: number, sidShift = 0): PageMeasures {
  return {
    ...measures,
    findings: measures.findings.map((finding) => ({
      ...finding,
      page: finding.page + pageOffset,
      sid: finding.sid === null || sidShift === 0 ? finding.sid : String(Number(finding.sid) + sidShift),
    })),
  }
}

/** The measures of the parts of a book as one (pages already in whole-book numbers, see shiftMeasures); `pages` is the book's. */
export function joinMeasures(parts: readonly PageMeasures[], pages: number): PageMeasures {
  const spaces: Record<string, number> = {}
  for (const part of parts) for (const [key, count] of Object.entries(part.spaces)) spaces[key] = (spaces[key] ?? 0) + count
  return {
    pages,
    lines: parts.reduce((sum, part) => sum + part.lines, 0),
    hyphenated: parts.reduce((sum, part) => sum + part.hyphenated, 0),
    spaces,
    findings: parts.flatMap((part) => part.findings),
  }
}
