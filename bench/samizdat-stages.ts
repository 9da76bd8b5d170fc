/** Stage times samizdat printed (`✓ read 4.0 s`), and its own total (`… in 11.7 s`), in ms. */
export function samizdatStages(stderr: string): Record<string, number> {
  const stages: Record<string, number> = {}
  for (const match of stderr.matchAll(/✓ (\S+)\s+((?:\d+ min )?[\d.]+ m?s)\s*$/gm)) {
    const ms = parseDuration(match[2]!)
    if (ms !== undefined) stages[match[1]!] = ms
  }
  const total = /^samizdat: .* in ((?:\d+ min )?[\d.]+ m?s)\s*$/m.exec(stderr)?.[1]
  const ms = total ? parseDuration(total) : undefined
  if (ms !== undefined) stages['total (own)'] = ms
  return stages
}

/** `850 ms`, `12.3 s`, `2 min 5 s` (scripts/diagnostics/progress.ts formatMs) → ms. */
export function parseDuration(text: string): number | undefined {
  const match = /^(?:(\d+) min )?([\d.]+) (ms|s)$/.exec(text.trim())
  if (!match) return undefined
  const minutes = Number(match[1] ?? 0)
  const value = Number(match[2])
  return Math.round(minutes * 60_000 + (match[3] === 'ms' ? value : value * 1000))
}
