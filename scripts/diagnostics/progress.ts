import path from 'node:path'
import type { BuildEvent, BuildResult } from '../pipeline.ts'

/** The terminal side of a build: stage lines with times, live page counts on a TTY, a closing summary. */
export interface Progress {
  readonly onEvent: (event: BuildEvent) => void
  readonly summary: (result: BuildResult) => void
  readonly color: boolean
}

/** Progress for `stream`: a live line on a terminal, plain lines in CI and pipes. */
export function createProgress(stream: NodeJS.WriteStream): Progress {
  const live = stream.isTTY === true && !process.env['CI']
  let pending = false
  const clear = () => {
    if (pending) stream.write('\r\x1b[2K')
    pending = false
  }
  const line = (text: string) => {
    clear()
    stream.write(`${text}\n`)
  }
  return {
    color: live,
    onEvent(event) {
      if (event.type === 'stage') line(`  ${event.stage.padEnd(8)} ${formatMs(event.ms)}`)
      else if (event.type === 'progress') {
        if (live) {
          clear()
          stream.write(`  ${event.stage.padEnd(8)} ${event.message}`)
          pending = true
        } else line(`  ${event.stage.padEnd(8)} ${event.message}`)
      }
    },
    summary(result) {
      clear()
      const warnings = result.files.reduce((count, file) => count + file.messages.filter((message) => message.fatal === false).length, 0)
      for (const output of result.outputs) line(`  wrote ${path.relative(process.cwd(), output) || output}`)
      line(`samizdat: ${result.outputs.length} output${result.outputs.length === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`)
    },
  }
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}
