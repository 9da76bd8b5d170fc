import { formatBytes, formatRatio, formatSeconds } from './format.ts'
import { scaleIds } from './plan.ts'
import type { ResultsFile, ScaleRecord } from './results.ts'
import { comparisons, ratio, summariseScale } from './summarise.ts'
import { evaluateTargets, type TargetResult } from './targets.ts'

/** The results as Markdown: targets first, then each book's tools, ratios and checks. Also what `npm run bench` prints. */
export function renderReport(results: ResultsFile): string {
  const parts = ['# samizdat benchmark', '', `Latest figures per book, updated ${results.updated}. Wall time is a median over the runs; memory is the highest peak of the whole process tree (browser included), sampled from /proc every 50 ms: summed RSS, which counts pages shared between processes (Chromium's) more than once, and summed PSS (every 200 ms), which divides them among their processes: closer to what the tree costs the machine. The memory target is judged on RSS.`, '']
  parts.push('## Targets (issue 8)', '', targetTable(evaluateTargets(results)), '')
  for (const id of scaleIds) {
    const scale = results.scales[id]
    if (scale) parts.push(scaleSection(scale), '')
  }
  return `${parts.join('\n').trimEnd()}\n`
}

function targetTable(results: readonly TargetResult[]): string {
  const rows = results.map((result) => [result.target, result.limit, result.measured, result.met === undefined ? '–' : result.met ? '✓' : '✗'])
  return table(['target', 'limit', 'measured', ''], rows)
}

function scaleSection(scale: ScaleRecord): string {
  const summaries = summariseScale(scale)
  const { machine } = scale
  const lines = [
    `## ${scale.label}`,
    '',
    `${scale.chapters} chapters; ${scale.runsPerTool} run(s) per tool, round-robin; limit ${scale.limitSeconds} s per command. ` +
      `${scale.startedAt} → ${scale.finishedAt}; load average ${scale.loadBefore[0]} before, ${scale.loadAfter[0]} after ` +
      `(${machine.cpus} × ${machine.cpuModel}, ${formatBytes(machine.memoryBytes)}). ` +
      `${machine.chromium}; ${machine.pandoc}; pagedjs-cli ${machine.pagedjsCli}; Node ${machine.node}; samizdat ${machine.samizdatCommit}. ` +
      (scale.printHtmlSeconds > 0 ? `samizdat's print HTML for pagedjs-cli and Chromium took ${scale.printHtmlSeconds} s to write (not in their times).` : ''),
    '',
  ]
  const rows = Object.values(summaries).map((tool) => [
    tool.label,
    tool.status,
    tool.medianMs !== undefined ? formatSeconds(tool.medianMs) : '–',
    tool.runsMs.map((ms) => (ms / 1000).toFixed(1)).join(', '),
    formatBytes(tool.peakRssBytes),
    formatBytes(tool.peakPssBytes),
    tool.pages !== undefined ? String(tool.pages) : '',
    tool.pagesPerSecond !== undefined ? tool.pagesPerSecond.toFixed(1) : '',
  ])
  lines.push(table(['tool', 'runs', 'median wall', 'each run (s)', 'peak memory (RSS)', 'peak PSS', 'pages', 'pages/s'], rows), '')
  const ratios = comparisons.flatMap(([top, bottom]) => {
    const value = ratio(summaries, top, bottom)
    return value === undefined ? [] : [[`${top} / ${bottom}`, formatRatio(value)]]
  })
  if (ratios.length > 0) lines.push(table(['ratio of median wall times', ''], ratios), '')
  for (const tool of Object.values(summaries)) {
    const stages = Object.entries(tool.stages).map(([name, ms]) => `${name} ${formatSeconds(ms)}`)
    if (stages.length > 0) lines.push(`- ${tool.id}, samizdat's own stage times (median): ${stages.join(', ')}`)
  }
  for (const tool of scale.tools) {
    for (const run of tool.runs) {
      for (const note of run.notes) lines.push(`- ${tool.id} run ${run.run}: ${note}`)
      const stages = Object.entries(run.stages ?? {}).map(([name, ms]) => `${name} ${formatSeconds(ms)}`)
      if (!run.valid && stages.length > 0) lines.push(`- ${tool.id} run ${run.run}, stages samizdat finished before it stopped: ${stages.join(', ')}`)
    }
  }
  for (const tool of scale.tools) {
    const figures = tool.runs.find((run) => run.typesetting)?.typesetting
    if (!figures) continue
    const counts = Object.entries((figures['counts'] ?? {}) as Record<string, number>).map(([rule, count]) => `${rule} ${count}`)
    lines.push(
      `- ${tool.id}, typesetting report: ${figures['pages']} pages, ${figures['lines']} lines, ${figures['hyphenatedPercent']} % hyphenated, ` +
        `${figures['looseLinesPercent']} % loose (worst ${figures['worstSpaceRatio']}×); ${counts.join(', ')}`,
    )
  }
  for (const check of scale.checks) lines.push(`- check: ${check}`)
  return lines.join('\n').trimEnd()
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => text.replaceAll('|', '\\|')
  return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.map(cell).join(' | ')} |`).join('\n')
}
