import path from 'node:path'
import { run } from './run-command.ts'

/** What a run of the real `samizdat` command did. */
export interface CliRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly ms: number
}

const bin = path.join(import.meta.dirname, '..', '..', 'scripts', 'bin.js')

/** Run `samizdat ARGS` as a child process, killed after `timeoutMs`. */
export function runCli(args: readonly string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliRun> {
  return run(process.execPath, [bin, ...args], options)
}
