import { median } from './format.ts'
import type { ScaleRecord, ToolRecord } from './results.ts'
import type { ToolId } from './tools.ts'

/** One tool's runs on one book, summed up. */
export interface ToolSummary {
  readonly id: ToolId
  readonly label: string
  /** Every run exited 0 with good outputs. */
  readonly allValid: boolean
  /** `3 ok`, `2 ok, 1 timeout`. */
  readonly status: string
  /** Median wall time of the valid runs. */
  readonly medianMs?: number
  readonly runsMs: readonly number[]
  /** The highest peak of any run: the whole process tree's summed RSS. */
  readonly peakRssBytes: number
  readonly peakPssBytes: number
  readonly pages?: number
  readonly pagesPerSecond?: number
  /** samizdat's own stage times, median over the valid runs, in ms. */
  readonly stages: Readonly<Record<string, number>>
}

/** Medians, peak memory, pages and pages per second of one tool's runs. */
export function summariseTool(tool: ToolRecord): ToolSummary {
  const valid = tool.runs.filter((run) => run.valid)
  const medianMs = median(valid.map((run) => run.wallMs))
  const pages = valid.find((run) => run.pages !== undefined)?.pages
  const counts = new Map<string, number>()
  for (const run of tool.runs) {
    const key = run.valid ? 'ok' : run.status === 'ok' ? 'bad output' : run.status
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const stageNames = [...new Set(valid.flatMap((run) => Object.keys(run.stages ?? {})))]
  const stages = Object.fromEntries(stageNames.map((name) => [name, median(valid.flatMap((run) => run.stages?.[name] ?? []))!]))
  return {
    id: tool.id,
    label: tool.label,
    allValid: tool.runs.length > 0 && valid.length === tool.runs.length,
    status: tool.runs.length === 0 ? 'not run' : [...counts].map(([key, count]) => `${count} ${key}`).join(', '),
    ...(medianMs !== undefined ? { medianMs } : {}),
    runsMs: tool.runs.map((run) => run.wallMs),
    peakRssBytes: Math.max(0, ...tool.runs.map((run) => run.peakRssBytes)),
    peakPssBytes: Math.max(0, ...tool.runs.map((run) => run.peakPssBytes)),
    ...(pages !== undefined ? { pages } : {}),
    ...(pages !== undefined && medianMs ? { pagesPerSecond: pages / (medianMs / 1000) } : {}),
    stages,
  }
}

/** Every tool of a scale, by id. */
export function summariseScale(scale: ScaleRecord): Partial<Record<ToolId, ToolSummary>> {
  return Object.fromEntries(scale.tools.map((tool) => [tool.id, summariseTool(tool)]))
}

/** The comparisons the report shows, where both tools ran: numerator / denominator of median wall time. */
export const comparisons: readonly (readonly [ToolId, ToolId])[] = [
  ['samizdat-pdf', 'pagedjs-cli'],
  ['samizdat-pdf', 'chromium'],
  ['samizdat-pdf-epub', 'pagedjs-cli'],
  ['samizdat-pdf-epub', 'chromium'],
  ['samizdat-all', 'pagedjs-cli'],
  ['samizdat-rebuild', 'samizdat-pdf'],
  ['samizdat-epub', 'pandoc-epub'],
  ['samizdat-html', 'pandoc-html'],
  ['pagedjs-cli', 'chromium'],
]

/** numerator / denominator of the median wall times, when both have valid runs. */
export function ratio(summaries: Partial<Record<ToolId, ToolSummary>>, numerator: ToolId, denominator: ToolId): number | undefined {
  const top = summaries[numerator]?.medianMs
  const bottom = summaries[denominator]?.medianMs
  return top !== undefined && bottom !== undefined && bottom > 0 ? top / bottom : undefined
}
