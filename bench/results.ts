import type { RunStatus } from './measure-process-tree.ts'
import type { ScaleId } from './plan.ts'
import type { ToolId } from './tools.ts'

/** One measured run of one tool. */
export interface RunRecord {
  readonly run: number
  readonly status: RunStatus
  /** The command exited 0 and every output checked out. */
  readonly valid: boolean
  readonly wallMs: number
  readonly peakRssBytes: number
  /** Peak of the tree's summed PSS: shared pages divided among the processes that share them. */
  readonly peakPssBytes: number
  readonly peakProcesses: number
  /** Processes of the tree left running after the command exited. */
  readonly leftover: number
  readonly pages?: number
  readonly bytes?: number
  readonly problems: readonly string[]
  readonly notes: readonly string[]
  /** samizdat's own stage times, in ms. */
  readonly stages?: Readonly<Record<string, number>>
  /** samizdat's typesetting report (`build --report`): its figures, without the findings. */
  readonly typesetting?: Readonly<Record<string, unknown>>
  /** The end of stderr, for a run that did not succeed. */
  readonly stderrTail?: string
}

/** Every run of one tool on one book. */
export interface ToolRecord {
  readonly id: ToolId
  readonly label: string
  readonly runs: readonly RunRecord[]
}

/** The machine and software a scale was measured with. */
export interface MachineInfo {
  readonly cpus: number
  readonly cpuModel: string
  readonly memoryBytes: number
  readonly node: string
  readonly chromium: string
  readonly pandoc: string
  readonly pagedjsCli: string
  readonly samizdatCommit: string
}

/** One book size: what ran, on what, and what came out. */
export interface ScaleRecord {
  readonly scale: ScaleId
  readonly label: string
  readonly copies: number
  readonly chapters: number
  readonly runsPerTool: number
  readonly limitSeconds: number
  readonly startedAt: string
  readonly finishedAt: string
  /** 1, 5 and 15 minute load averages before and after: the machine may be shared. */
  readonly loadBefore: readonly number[]
  readonly loadAfter: readonly number[]
  readonly machine: MachineInfo
  /** Writing samizdat's print HTML for pagedjs-cli and Chromium (not part of any timing). */
  readonly printHtmlSeconds: number
  readonly tools: readonly ToolRecord[]
  /** Page counts that disagree, outputs that failed their checks. */
  readonly checks: readonly string[]
}

/** bench/results/latest.json: the latest run of each scale. */
export interface ResultsFile {
  readonly updated: string
  readonly scales: Partial<Record<ScaleId, ScaleRecord>>
}
