import { mkdir, readFile, rm } from 'node:fs/promises'
import { loadavg } from 'node:os'
import path from 'node:path'
import { checkOutputs } from './check-output.ts'
import { failureSummary } from './failure-summary.ts'
import { formatBytes, formatSeconds } from './format.ts'
import { corpusBook } from './corpus-book.ts'
import { makeBook } from './make-book.ts'
import { type Command, type Measurement, measureProcessTree } from './measure-process-tree.ts'
import { pageChecks } from './page-checks.ts'
import type { ScalePlan } from './plan.ts'
import type { MachineInfo, RunRecord, ScaleRecord, ToolRecord } from './results.ts'
import { samizdatStages } from './samizdat-stages.ts'
import { resolveCsl, type ToolContext, tools } from './tools.ts'

/** How to run one scale. */
export interface RunScaleOptions {
  readonly repo: string
  readonly chromium: string
  /** A temp folder of this scale's own; the caller removes it. */
  readonly work: string
  readonly plan: ScalePlan
  readonly runs: number
  readonly limitMs: number
  readonly memoryLimitBytes: number
  readonly machine: MachineInfo
  readonly signal: AbortSignal
  readonly log: (line: string) => void
}

/**
 * Make the scale's book and samizdat's print HTML for it, then run every
 * tool `runs` times, round-robin (tool A run 1, tool B run 1, … A run 2),
 * so a change in the machine's load falls on all tools alike.
 */
export async function runScale(options: RunScaleOptions): Promise<ScaleRecord> {
  const { plan, log } = options
  const startedAt = new Date().toISOString()
  const loadBefore = loadavg().map(round2)
  const book = plan.corpus
    ? await corpusBook(plan.corpus, path.join(options.work, 'book'))
    : await makeBook(path.join(options.repo, 'manuscript'), path.join(options.work, 'book'), plan.copies)
  const limits = { timeLimitMs: options.limitMs, memoryLimitBytes: options.memoryLimitBytes, signal: options.signal }
  const printDir = path.join(options.work, 'print')
  let printMs = 0
  // Only pagedjs-cli and Chromium's plain print take samizdat's print HTML.
  if (plan.tools.some((id) => id === 'pagedjs-cli' || id === 'chromium')) {
    log(`[${plan.id}] ${book.chapters.length} chapters in ${book.dir}; writing samizdat's print HTML for pagedjs-cli and Chromium…`)
    const print = await measureProcessTree({ command: process.execPath, args: ['--import', 'tsx', path.join(options.repo, 'bench', 'write-print-html.ts'), book.dir, printDir], cwd: options.repo }, limits)
    if (print.status !== 'ok') throw new Error(`Writing the print HTML of the ${plan.label} failed (${print.status}):\n${tail(print.stderr)}`)
    log(`[${plan.id}] print HTML written in ${formatSeconds(print.wallMs)}`)
    printMs = print.wallMs
  }
  const context: ToolContext = {
    repo: options.repo,
    chromium: options.chromium,
    book,
    printHtml: path.join(printDir, 'print.html'),
    csl: resolveCsl(options.repo, book),
    runUnmeasured: (command: Command) => measureProcessTree(command, limits),
  }
  const records = new Map<string, RunRecord[]>(plan.tools.map((id) => [id, []]))
  for (let run = 1; run <= options.runs && !options.signal.aborted; run++) {
    for (const id of plan.tools) {
      if (options.signal.aborted) break
      const dir = path.join(options.work, 'runs', `${id}-${run}`)
      await mkdir(dir, { recursive: true })
      log(`[${plan.id}] run ${run}/${options.runs}  ${id} …`)
      const record = await measureRun(context, id, dir, run, limits)
      records.get(id)!.push(record)
      log(`[${plan.id}] run ${run}/${options.runs}  ${id}: ${describe(record)}`)
      // Outputs of a 100× book are large; only the figures are kept.
      await rm(dir, { recursive: true, force: true })
    }
  }
  const toolRecords: ToolRecord[] = plan.tools.map((id) => ({ id, label: tools[id].label, runs: records.get(id)! }))
  return {
    scale: plan.id,
    label: plan.label,
    copies: plan.copies,
    chapters: book.chapters.length,
    runsPerTool: options.runs,
    limitSeconds: Math.round(options.limitMs / 1000),
    startedAt,
    finishedAt: new Date().toISOString(),
    loadBefore,
    loadAfter: loadavg().map(round2),
    machine: options.machine,
    printHtmlSeconds: round2(printMs / 1000),
    tools: toolRecords,
    checks: pageChecks(toolRecords),
  }
}

async function measureRun(context: ToolContext, id: keyof typeof tools, dir: string, run: number, limits: Parameters<typeof measureProcessTree>[1]): Promise<RunRecord> {
  const prepared = await tools[id].prepare(context, dir, run)
  const measured = await measureProcessTree(prepared.command, limits)
  const check = measured.status === 'ok' ? await checkOutputs(prepared.outputs) : { problems: [] }
  const valid = measured.status === 'ok' && check.problems.length === 0
  const stages = id.startsWith('samizdat') ? samizdatStages(measured.stderr) : {}
  const typesetting = id.startsWith('samizdat') ? await readTypesetting(path.join(dir, 'out', 'book.report.json')) : undefined
  return {
    run,
    status: measured.status,
    valid,
    wallMs: Math.round(measured.wallMs),
    peakRssBytes: measured.peakRssBytes,
    peakPssBytes: measured.peakPssBytes,
    peakProcesses: measured.peakProcesses,
    leftover: measured.leftover,
    ...('pages' in check && check.pages !== undefined ? { pages: check.pages } : {}),
    ...('bytes' in check && check.bytes !== undefined ? { bytes: check.bytes } : {}),
    problems: check.problems,
    notes: [...prepared.notes, ...exitNote(measured)],
    ...(Object.keys(stages).length > 0 ? { stages } : {}),
    ...(typesetting ? { typesetting } : {}),
    ...(valid ? {} : { stderrTail: tail(measured.stderr) }),
  }
}

/** The figures of samizdat's typesetting report, when the run wrote one. */
async function readTypesetting(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const { findings: _findings, ...figures } = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
    return figures
  } catch {
    return undefined
  }
}

function exitNote(measured: Measurement): string[] {
  const notes: string[] = []
  if (measured.status === 'failed') notes.push(`exit code ${measured.exitCode ?? measured.signal}: ${failureSummary(measured.stderr)}`)
  else if (measured.status !== 'ok') notes.push(`${measured.status} after ${formatSeconds(measured.wallMs)}: ${failureSummary(measured.stderr)}`)
  if (measured.leftover > 0) notes.push(`${measured.leftover} process(es) still running after exit (killed)`)
  return notes
}

function describe(record: RunRecord): string {
  const status = record.valid ? 'ok' : record.status === 'ok' ? 'bad output' : record.status
  const pages = record.pages !== undefined ? `, ${record.pages} pages` : ''
  const notes = [...record.notes, ...record.problems].map((note) => `\n      ${note}`).join('')
  return `${status} ${formatSeconds(record.wallMs)}, peak ${formatBytes(record.peakRssBytes)} RSS, ${formatBytes(record.peakPssBytes)} PSS (${record.peakProcesses} processes)${pages}${notes}`
}

function tail(text: string): string {
  return text.trim().split('\n').slice(-15).join('\n')
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}
