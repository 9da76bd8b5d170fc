import path from 'node:path'
import type { BuildEvent } from './build-event.ts'

/** An output the build wrote, as the pipeline announced it. */
export interface WrittenOutput {
  readonly file: string
  readonly bytes: number
  readonly pages?: number
}

/** What the closing line sums up. */
export interface BuildSummary {
  readonly errors: number
  readonly warnings: number
  /** Total wall time of the command, in ms. */
  readonly ms: number
  /** False when the build stopped: the outputs listed are the ones written before it did. */
  readonly ok: boolean
}

/** The terminal side of a build: stage lines with times, a live progress line, a closing summary. */
export interface Progress {
  readonly onEvent: (event: BuildEvent) => void
  /** Clear the live line so other text (the diagnostics) can be printed. */
  readonly pause: () => void
  /** The outputs with their sizes and page counts, then one line of totals. */
  readonly summary: (summary: BuildSummary) => void
  readonly outputs: readonly WrittenOutput[]
  /** True when the stream is a terminal that shows colour. */
  readonly color: boolean
}

/** Options for {@link createProgress}; the defaults look at the stream and the environment. */
export interface ProgressOptions {
  /** Redraw one line in place (a terminal), rather than print plain lines (CI, pipes, files). */
  readonly live?: boolean
  readonly color?: boolean
  /** Paths are printed relative to this folder. */
  readonly cwd?: string
  /** In plain mode, the least time between two progress lines of one stage, in ms. */
  readonly plainEveryMs?: number
}

/**
 * Progress for `stream`: on a terminal, one line redrawn as Paged.js lays out
 * pages (progress events with `pages`); in CI and pipes, plain lines,
 * throttled so a 300-page book does not print 300 lines. Progress events
 * without `pages` are notes to keep, printed under the outputs.
 */
export function createProgress(stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }, options: ProgressOptions = {}): Progress {
  const env = process.env
  const terminal = stream.isTTY === true && !env['CI'] && env['TERM'] !== 'dumb'
  const live = options.live ?? terminal
  const color = options.color ?? ((terminal && env['NO_COLOR'] === undefined) || Boolean(env['FORCE_COLOR'] && env['FORCE_COLOR'] !== '0'))
  const cwd = options.cwd ?? process.cwd()
  const every = options.plainEveryMs ?? 2000
  const outputs: WrittenOutput[] = []
  const lastPlain = new Map<string, number>()
  const notes: { stage: string; message: string }[] = []
  let pending = false
  const pause = () => {
    if (pending) stream.write('\r\x1b[2K')
    pending = false
  }
  const line = (text: string) => {
    pause()
    stream.write(`${text}\n`)
  }
  const mark = color ? '\x1b[32m✓\x1b[39m' : '✓'
  return {
    color,
    outputs,
    pause,
    onEvent(event) {
      if (event.type === 'stage') line(`  ${mark} ${event.stage.padEnd(8)} ${formatMs(event.ms)}`)
      else if (event.type === 'output') outputs.push(event)
      // A message without a page count is for the reader to keep (how to fold the booklet): shown with the outputs.
      else if (event.pages === undefined) notes.push(event)
      else if (live) {
        pause()
        // One line only: a line longer than the terminal would wrap and the redraw would leave its head behind.
        const text = `  … ${event.stage.padEnd(8)} ${event.message}`
        stream.write(text.slice(0, Math.max(20, (stream.columns || 80) - 1)))
        pending = true
      } else {
        const now = performance.now()
        if (now - (lastPlain.get(event.stage) ?? -Infinity) < every) return
        lastPlain.set(event.stage, now)
        line(`  … ${event.stage.padEnd(8)} ${event.message}`)
      }
    },
    summary(summary) {
      pause()
      const shown = outputs.map((output) => ({ ...output, name: displayPath(output.file, cwd) }))
      const width = Math.max(0, ...shown.map((output) => output.name.length))
      for (const output of shown) {
        const pages = output.pages ? `  ${output.pages} pages` : ''
        line(`  ${output.name.padEnd(width)}  ${formatBytes(output.bytes).padStart(8)}${pages}`)
      }
      if (summary.ok) for (const note of notes) line(`    ${note.stage}: ${note.message}`)
      const verb = summary.ok ? 'built' : 'stopped'
      const written = `${outputs.length} output${outputs.length === 1 ? '' : 's'}`
      const made = summary.ok ? written : outputs.length > 0 ? `${written} written before the error` : 'nothing written'
      const counts = `${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}`
      line(`samizdat: ${verb}, ${made}, ${counts}, in ${formatMs(summary.ms)}`)
    },
  }
}

/** A path as a writer would type it: relative to `cwd` when inside it, absolute otherwise. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, path.resolve(cwd, file))
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(cwd, file) : relative
}

/** `850 ms`, `12.3 s`, `2 min 5 s`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
}

/** `812 B`, `41 KB`, `1.4 MB` (1 KB = 1024 bytes, as file managers count). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
