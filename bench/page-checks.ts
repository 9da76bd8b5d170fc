import { printTools } from './plan.ts'
import type { ToolRecord } from './results.ts'

// Same Paged.js, same HTML and CSS: pagedjs-cli should land within a few pages of samizdat.
// Chromium alone has no footnotes at the page foot, no running heads or generated contents: only roughly the same.
const tolerance: Partial<Record<string, number>> = { 'pagedjs-cli': 0.03, chromium: 0.25 }

/**
 * Compare page counts: each print tool's runs with each other, and each
 * with samizdat's PDF of the same book. Returns what disagrees; a benchmark
 * does not fail on it, the report shows it.
 */
export function pageChecks(tools: readonly ToolRecord[]): string[] {
  const checks: string[] = []
  let reference: { id: string; pages: number } | undefined
  for (const tool of tools) {
    if (!printTools.includes(tool.id)) continue
    const counts = [...new Set(tool.runs.flatMap((run) => (run.pages !== undefined ? [run.pages] : [])))]
    if (counts.length > 1) checks.push(`${tool.id}: page count differs between runs (${counts.join(', ')})`)
    const pages = counts[0]
    if (pages === undefined) continue
    if (tool.id.startsWith('samizdat')) {
      if (!reference) reference = { id: tool.id, pages }
      else if (pages !== reference.pages && tool.id !== 'samizdat-rebuild') checks.push(`${tool.id}: ${pages} pages, ${reference.id} ${reference.pages}`)
      continue
    }
    const allowed = tolerance[tool.id] ?? 0
    if (reference && Math.abs(pages - reference.pages) > allowed * reference.pages) {
      checks.push(`${tool.id}: ${pages} pages, samizdat ${reference.pages} (more than ${Math.round(allowed * 100)}% apart)`)
    }
  }
  for (const tool of tools) {
    for (const run of tool.runs) for (const problem of run.problems) checks.push(`${tool.id} run ${run.run}: ${problem}`)
  }
  return checks
}
