import { spawn } from 'node:child_process'
import { ProcessTreeSampler } from './process-tree-sampler.ts'

/** A command to measure, run as its own process group. */
export interface Command {
  readonly command: string
  readonly args: readonly string[]
  readonly cwd?: string
  /** Added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>
}

/** When to give up on a command. */
export interface MeasureLimits {
  readonly timeLimitMs: number
  /** Kill the tree when its summed RSS passes this (the machine is shared). */
  readonly memoryLimitBytes: number
  /** Sampling period (default 50 ms). */
  readonly sampleMs?: number
  /** Kills the tree when aborted (Ctrl-C: the command is in its own process group and does not get it). */
  readonly signal?: AbortSignal
}

/** How a measured command ended. */
export type RunStatus = 'ok' | 'failed' | 'timeout' | 'memory-limit' | 'interrupted'

/** Wall time, memory and output of one run. */
export interface Measurement {
  readonly status: RunStatus
  readonly exitCode: number | null
  readonly signal: string | null
  /** From spawn to the exit of the command's own process. */
  readonly wallMs: number
  /** Peak of the summed RSS of the process and all its descendants. */
  readonly peakRssBytes: number
  /** Peak of the summed PSS (shared pages split between their processes), sampled every 4th tick. */
  readonly peakPssBytes: number
  readonly peakProcesses: number
  /** Processes of the tree still alive a grace period after the command exited (then killed by the harness). */
  readonly leftover: number
  readonly stdout: string
  readonly stderr: string
}

const keepChars = 256 * 1024

/**
 * Spawn the command, sample its whole process tree every ~50 ms and time
 * it from spawn to exit. On the time or memory limit the process group and
 * every process seen in the tree are killed and the run is recorded as
 * such; this never throws for a command that fails.
 */
export function measureProcessTree(command: Command, limits: MeasureLimits): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command.command, [...command.args], {
      cwd: command.cwd,
      env: { ...process.env, ...command.env },
      // Its own process group, so a timeout can kill the browser children too.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const pid = child.pid
    if (pid === undefined) {
      child.once('error', reject)
      return
    }
    const sampler = new ProcessTreeSampler(pid)
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout = (stdout + chunk).slice(-keepChars)))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-keepChars)))
    let stopped: RunStatus | undefined
    const stop = (status: RunStatus): void => {
      if (stopped) return
      stopped = status
      killTree(pid, sampler.survivors())
    }
    let ticks = 0
    const tick = (): void => {
      if (sampler.sample(ticks++ % 4 === 0) > limits.memoryLimitBytes) stop('memory-limit')
    }
    tick()
    const ticker = setInterval(tick, limits.sampleMs ?? 50)
    const timer = setTimeout(() => stop('timeout'), limits.timeLimitMs)
    const interrupt = () => stop('interrupted')
    limits.signal?.addEventListener('abort', interrupt, { once: true })
    if (limits.signal?.aborted) interrupt()
    let exited: { wallMs: number; exitCode: number | null; signal: string | null; leftover: number } | undefined
    let closed = false
    const finish = (): void => {
      if (!exited || !closed) return
      const status = stopped ?? (exited.exitCode === 0 ? 'ok' : 'failed')
      resolve({ status, ...exited, peakRssBytes: sampler.peakBytes, peakPssBytes: sampler.peakPssBytes, peakProcesses: sampler.peakProcesses, stdout, stderr })
    }
    child.once('exit', (exitCode, signal) => {
      const wallMs = performance.now() - started
      clearInterval(ticker)
      clearTimeout(timer)
      limits.signal?.removeEventListener('abort', interrupt)
      // A browser's helper processes end a moment after it; only those still there after the grace period were left behind.
      void settle(sampler).then((survivors) => {
        killTree(pid, survivors)
        exited = { wallMs, exitCode, signal, leftover: survivors.length }
        finish()
      })
    })
    // 'close' comes after 'exit', once the output pipes are drained (leftovers holding them open are killed above).
    child.once('close', () => {
      closed = true
      finish()
    })
  })
}

const graceMs = 3000

async function settle(sampler: ProcessTreeSampler): Promise<number[]> {
  const until = performance.now() + graceMs
  let survivors = sampler.survivors()
  while (survivors.length > 0 && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    survivors = sampler.survivors()
  }
  return survivors
}

function killTree(pid: number, others: readonly number[]): void {
  for (const target of [-pid, ...others]) {
    try {
      process.kill(target, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
}
