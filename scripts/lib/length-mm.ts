const mmPer: Readonly<Record<string, number>> = { mm: 1, cm: 10, in: 25.4, pt: 25.4 / 72, px: 25.4 / 96 }

/** A CSS length as book.yaml writes it (`3mm`, `0.125in`, `9pt`) in millimetres; 0 when absent or not a length. */
export function lengthMm(length: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?)(mm|cm|in|pt|px)$/.exec(length?.trim().toLowerCase() ?? '')
  return match ? Number(match[1]) * mmPer[match[2]!]! : 0
}
