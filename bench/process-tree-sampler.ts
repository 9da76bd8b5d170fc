import { readdirSync, readFileSync } from 'node:fs'

/** One reading of /proc/PID/stat: the fields the sampler needs. */
export interface ProcStat {
  readonly pid: number
  readonly ppid: number
  /** Start time in clock ticks after boot (field 22): tells a pid's process from a later one reusing the pid. */
  readonly start: number
  /** Resident set size in pages (field 24 of /proc/PID/stat, see proc(5)). */
  readonly rssPages: number
}

/** Parse one /proc/PID/stat line; undefined when it is not one. */
export function parseProcStat(text: string): ProcStat | undefined {
  // The command name (field 2) is in parentheses and may itself hold spaces and ')': split after the last ')'.
  const close = text.lastIndexOf(')')
  const pid = Number.parseInt(text, 10)
  if (close < 0 || !Number.isInteger(pid)) return undefined
  const fields = text.slice(close + 2).split(' ')
  // fields[0] is field 3 (state), so field N is fields[N - 3].
  const ppid = Number(fields[1])
  const start = Number(fields[19])
  const rssPages = Number(fields[21])
  if (![ppid, start, rssPages].every(Number.isFinite)) return undefined
  return { pid, ppid, start, rssPages }
}

const pageBytes = 4096

function readStat(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'latin1'))
  } catch {
    // The process ended between readdir and read.
    return undefined
  }
}

/**
 * Follows a process and all its descendants through /proc and keeps the
 * peak of their summed RSS. Each pid is classified once, when first seen
 * (a process cannot later join another tree), so a tick reads only the
 * tree's own stat files plus those of new pids: cheap enough for 50 ms
 * ticks on a busy 2-core machine. Summed RSS counts pages shared between
 * Chromium's processes more than once, so it overstates what the tree
 * costs the machine; it is the usual, comparable figure.
 */
export class ProcessTreeSampler {
  readonly #root: number
  /** Pid → start time of every process found in the tree. */
  readonly #tree = new Map<number, number>()
  readonly #outside = new Set<number>()
  #peakBytes = 0
  #peakPssBytes = 0
  #peakProcesses = 0
  #lastBytes = 0

  constructor(root: number) {
    this.#root = root
    this.#tree.set(root, readStat(root)?.start ?? -1)
    // No pid is assumed outside: the root may have forked before the first sample, which reads every stat once.
  }

  /**
   * Take one sample; returns the tree's summed RSS in bytes. With `pss`,
   * also sum the proportional set sizes (smaps_rollup: shared pages divided
   * among the processes sharing them), dearer to read, so not every tick.
   */
  sample(pss = false): number {
    const fresh = new Map<number, ProcStat>()
    const alive = new Set<number>()
    for (const pid of listPids()) {
      alive.add(pid)
      if (this.#tree.has(pid) || this.#outside.has(pid)) continue
      const stat = readStat(pid)
      if (stat) fresh.set(pid, stat)
    }
    this.#classify([...fresh.values()])
    let bytes = 0
    let pssBytes = 0
    let processes = 0
    for (const [pid, start] of this.#tree) {
      if (!alive.has(pid)) continue
      const stat = fresh.get(pid) ?? readStat(pid)
      // The root's start is unknown (-1) when it was read before /proc had it.
      if (!stat || (start !== -1 && stat.start !== start)) continue
      bytes += stat.rssPages * pageBytes
      if (pss) pssBytes += readPss(pid)
      processes += 1
    }
    if (pss) this.#peakPssBytes = Math.max(this.#peakPssBytes, pssBytes)
    this.#lastBytes = bytes
    this.#peakBytes = Math.max(this.#peakBytes, bytes)
    this.#peakProcesses = Math.max(this.#peakProcesses, processes)
    return bytes
  }

  // A new pid is in the tree when its parent is; parents may be new in the same tick, so repeat to a fixpoint.
  #classify(fresh: readonly ProcStat[]): void {
    let pending = [...fresh]
    let changed = true
    while (changed) {
      changed = false
      const next: ProcStat[] = []
      for (const stat of pending) {
        if (this.#tree.has(stat.ppid)) {
          this.#tree.set(stat.pid, stat.start)
          changed = true
        } else next.push(stat)
      }
      pending = next
    }
    for (const stat of pending) this.#outside.add(stat.pid)
  }

  /** Pids of the tree seen so far that are still alive (after the root exits: what it left behind). */
  survivors(): number[] {
    return [...this.#tree].filter(([pid, start]) => pid !== this.#root && readStat(pid)?.start === start).map(([pid]) => pid)
  }

  get peakBytes(): number {
    return this.#peakBytes
  }

  /** Peak of the summed PSS, over the samples that read it. */
  get peakPssBytes(): number {
    return this.#peakPssBytes
  }

  get peakProcesses(): number {
    return this.#peakProcesses
  }

  get lastBytes(): number {
    return this.#lastBytes
  }
}

function readPss(pid: number): number {
  try {
    const kib = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'latin1'))?.[1]
    return kib ? Number(kib) * 1024 : 0
  } catch {
    return 0
  }
}

function listPids(): number[] {
  const pids: number[] = []
  for (const name of readdirSync('/proc')) {
    const code = name.charCodeAt(0)
    if (code >= 48 && code <= 57) pids.push(Number(name))
  }
  return pids
}
