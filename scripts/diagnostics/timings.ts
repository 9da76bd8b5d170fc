/**
 * Where a build spends its time, step by step (each remark and rehype
 * plugin, the Markdown parse, citations …), summed over the chapters: with
 * `SAMIZDAT_DEBUG=timings` (or `all`) the build prints the table at the end.
 * Off, every function here costs one branch.
 */

interface Step {
  ms: number
  calls: number
}

const steps = new Map<string, Step>()
let enabled = wanted(process.env['SAMIZDAT_DEBUG'])

function wanted(setting: string | undefined): boolean {
  const names = setting?.split(',') ?? []
  return names.includes('timings') || names.includes('all')
}

/** Whether steps are being timed. */
export function timingsEnabled(): boolean {
  return enabled
}

/** Turn timing on or off (tests; the environment decides otherwise), clearing what was recorded. */
export function setTimings(on: boolean): void {
  enabled = on
  steps.clear()
}

/** Add `ms` to the step's total. */
export function recordStep(name: string, ms: number): void {
  if (!enabled) return
  const step = steps.get(name)
  if (step) {
    step.ms += ms
    step.calls++
  } else steps.set(name, { ms, calls: 1 })
}

/** Run `run` and add its time to the step (a promise's until it settles). */
export function timeStep<T>(name: string, run: () => T): T {
  if (!enabled) return run()
  const start = performance.now()
  const value = run()
  if (value instanceof Promise) return value.finally(() => recordStep(name, performance.now() - start)) as T
  recordStep(name, performance.now() - start)
  return value
}

/** The recorded steps, slowest first. */
export function recordedSteps(): { name: string; ms: number; calls: number }[] {
  return [...steps].map(([name, step]) => ({ name, ...step })).sort((a, b) => b.ms - a.ms)
}

/** The table `SAMIZDAT_DEBUG=timings` prints: one line a step, slowest first; empty when nothing was timed. */
export function formatTimings(): string {
  const rows = recordedSteps()
  if (rows.length === 0) return ''
  const width = Math.max(...rows.map((row) => row.name.length))
  const lines = rows.map((row) => `  ${row.name.padEnd(width)} ${row.ms.toFixed(1).padStart(9)} ms ${String(row.calls).padStart(6)}×`)
  return `samizdat: time per step (SAMIZDAT_DEBUG=timings), summed over chapters\n${lines.join('\n')}\n`
}
