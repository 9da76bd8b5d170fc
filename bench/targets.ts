import { formatBytes, formatRatio, formatSeconds } from './format.ts'
import type { ScaleId } from './plan.ts'
import type { ResultsFile } from './results.ts'
import { ratio, summariseScale, type ToolSummary } from './summarise.ts'
import type { ToolId } from './tools.ts'

/** A target of issue 8 and how the latest figures stand against it. */
export interface TargetResult {
  readonly scale: ScaleId
  readonly target: string
  readonly limit: string
  readonly measured: string
  /** undefined: not measured (or the reference tool failed), so neither met nor missed. */
  readonly met: boolean | undefined
}

type Summaries = Partial<Record<ToolId, ToolSummary>>

interface RatioTarget {
  readonly kind: 'ratio'
  readonly scale: ScaleId
  readonly target: string
  readonly numerator: ToolId
  readonly denominator: ToolId
  readonly max: number
}

interface ToolTarget {
  readonly kind: 'built' | 'memory' | 'time'
  readonly scale: ScaleId
  readonly target: string
  readonly tool: ToolId
  readonly max: number
}

const gib = 1024 ** 3

/** Issue 8's targets: the performance work aims at these; nothing fails when they are missed. */
export const targets: readonly (RatioTarget | ToolTarget)[] = [
  { kind: 'ratio', scale: '10x', target: '10× book: samizdat PDF vs pagedjs-cli', numerator: 'samizdat-pdf', denominator: 'pagedjs-cli', max: 0.5 },
  { kind: 'ratio', scale: '10x', target: "10× book: samizdat PDF vs Chromium's plain print", numerator: 'samizdat-pdf', denominator: 'chromium', max: 2 },
  { kind: 'built', scale: '100x', target: '100× book: PDF and EPUB built', tool: 'samizdat-pdf-epub', max: 0 },
  { kind: 'memory', scale: '100x', target: '100× book: peak memory of the whole process tree', tool: 'samizdat-pdf-epub', max: 4 * gib },
  { kind: 'time', scale: '100x', target: '100× book: wall time (PDF + EPUB)', tool: 'samizdat-pdf-epub', max: 5 * 60_000 },
  { kind: 'ratio', scale: 'default', target: "default book: samizdat, all outputs, vs pagedjs-cli's PDF alone", numerator: 'samizdat-all', denominator: 'pagedjs-cli', max: 1 },
  { kind: 'ratio', scale: '10x', target: '10× book: change one chapter and rebuild, vs the cold build', numerator: 'samizdat-rebuild', denominator: 'samizdat-pdf', max: 0.3 },
  { kind: 'ratio', scale: 'default', target: "default book: EPUB-only build vs pandoc's", numerator: 'samizdat-epub', denominator: 'pandoc-epub', max: 1.5 },
  { kind: 'ratio', scale: '10x', target: "10× book: EPUB-only build vs pandoc's", numerator: 'samizdat-epub', denominator: 'pandoc-epub', max: 1.5 },
]

/** Every target against the latest figures of its scale. */
export function evaluateTargets(results: ResultsFile): TargetResult[] {
  return targets.map((target) => {
    const scale = results.scales[target.scale]
    if (!scale) return { scale: target.scale, target: target.target, limit: limitText(target), measured: 'not measured', met: undefined }
    const summaries = summariseScale(scale)
    const judged = target.kind === 'ratio' ? judgeRatio(target, summaries) : judgeTool(target, summaries)
    return { scale: target.scale, target: target.target, limit: limitText(target), ...judged }
  })
}

function limitText(target: RatioTarget | ToolTarget): string {
  switch (target.kind) {
    case 'ratio':
      return `≤ ${formatRatio(target.max)}`
    case 'built':
      return 'both valid'
    case 'memory':
      return `≤ ${formatBytes(target.max)}`
    case 'time':
      return `≤ ${formatSeconds(target.max)}`
  }
}

function judgeRatio(target: RatioTarget, summaries: Summaries): Pick<TargetResult, 'measured' | 'met'> {
  const top = summaries[target.numerator]
  const bottom = summaries[target.denominator]
  if (!top || !bottom) return { measured: 'not measured', met: undefined }
  // samizdat failing or timing out misses the target; the reference failing leaves it open.
  if (top.medianMs === undefined) return { measured: `${target.numerator}: ${top.status}`, met: false }
  const value = ratio(summaries, target.numerator, target.denominator)
  if (value === undefined) return { measured: `${target.denominator}: ${bottom.status}`, met: undefined }
  return { measured: `${formatRatio(value)} (${formatSeconds(top.medianMs)} / ${formatSeconds(bottom.medianMs!)})`, met: value <= target.max }
}

function judgeTool(target: ToolTarget, summaries: Summaries): Pick<TargetResult, 'measured' | 'met'> {
  const tool = summaries[target.tool]
  if (!tool) return { measured: 'not measured', met: undefined }
  switch (target.kind) {
    case 'built':
      return { measured: tool.status, met: tool.allValid }
    case 'memory':
      // A run that stopped early says the peak is at least this much, not that the build fits.
      return {
        measured: `${formatBytes(tool.peakRssBytes)}${tool.allValid ? '' : ` (${tool.status})`}`,
        met: tool.peakRssBytes > target.max ? false : tool.allValid ? true : undefined,
      }
    case 'time':
      if (tool.medianMs === undefined) return { measured: `${tool.status} (${formatSeconds(Math.max(...tool.runsMs))})`, met: false }
      return { measured: formatSeconds(tool.medianMs), met: tool.medianMs <= target.max }
  }
}
