/** `12.3 s` (one decimal; whole seconds from 100 s). */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000
  return seconds >= 100 ? `${Math.round(seconds)} s` : `${seconds.toFixed(1)} s`
}

/** `850 MiB`, `1.25 GiB`. */
export function formatBytes(bytes: number): string {
  const mib = bytes / 1024 ** 2
  return mib >= 1024 ? `${(mib / 1024).toFixed(2)} GiB` : `${Math.round(mib)} MiB`
}

/** `0.42×`. */
export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`
}

/** The median of some numbers (the mean of the middle two for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
