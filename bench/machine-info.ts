import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { cpus, totalmem } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import type { MachineInfo } from './results.ts'

const run = promisify(execFile)

/** The machine, the browser and the other tools' versions, and samizdat's commit. */
export async function machineInfo(repo: string, chromium: string): Promise<MachineInfo> {
  const cpu = cpus()
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model.trim() ?? 'unknown CPU',
    memoryBytes: totalmem(),
    node: process.versions.node,
    chromium: await firstLine(chromium, ['--version']),
    pandoc: await firstLine('pandoc', ['--version']),
    pagedjsCli: await pagedjsCliVersion(),
    samizdatCommit: await commit(repo),
  }
}

async function firstLine(command: string, args: readonly string[], cwd?: string): Promise<string> {
  try {
    const { stdout } = await run(command, [...args], cwd ? { cwd } : {})
    return stdout.trim().split('\n')[0] ?? ''
  } catch {
    return `${command}: not found`
  }
}

async function pagedjsCliVersion(): Promise<string> {
  const main = createRequire(import.meta.url).resolve('pagedjs-cli')
  const manifest = JSON.parse(await readFile(path.join(path.dirname(main), '..', 'package.json'), 'utf8')) as { version?: string }
  return manifest.version ?? 'unknown'
}

// The commit, marked when the working tree has changes under scripts/ or styles/ (what is measured).
async function commit(repo: string): Promise<string> {
  const head = await firstLine('git', ['rev-parse', '--short', 'HEAD'], repo)
  const dirty = await firstLine('git', ['status', '--porcelain', '--', 'scripts', 'styles'], repo)
  return dirty ? `${head} + uncommitted changes` : head
}
