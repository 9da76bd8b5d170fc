/**
 * The known key closest to `key` by edit distance (case differences count
 * half), when it is close enough to be a likely typo; for "did you mean".
 */
export function nearestKey(key: string, known: Iterable<string>): string | undefined {
  const limit = Math.max(2, Math.floor(key.length / 3))
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of known) {
    if (Math.abs(candidate.length - key.length) > limit) continue
    const distance = editDistance(key, candidate)
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return bestDistance <= limit ? best : undefined
}

/** Damerau–Levenshtein distance (adjacent swaps count one), case changes half. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const x = a[i - 1]!
      const y = b[j - 1]!
      const cost = x === y ? 0 : x.toLowerCase() === y.toLowerCase() ? 0.5 : 1
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && x === b[j - 2] && a[i - 2] === y) value = Math.min(value, rows[i - 2]![j - 2]! + 1)
      rows[i]![j] = value
    }
  }
  return rows[a.length]![b.length]!
}
