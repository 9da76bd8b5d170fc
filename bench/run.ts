// `npm run bench`: samizdat's build against pagedjs-cli, Chromium's plain
// print and pandoc on the default book and on 10× and 100× books (issue 8).
// A benchmark, not a test: it reports, and fails only when it cannot run.
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { findChromium } from '../scripts/print/browser/find-chromium.ts'
import { parseBenchArgs, usage } from './bench-args.ts'
import { machineInfo } from './machine-info.ts'
import { scalePlans } from './plan.ts'
import { corpusDir, hasCorpus } from '../tests/helpers/corpus-book.ts'
import { renderReport } from './report.ts'
import type { ScaleRecord } from './results.ts'
import { writeResults } from './results-file.ts'
import { runScale } from './run-scale.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))

async function main(): Promise<number> {
  let args: ReturnType<typeof parseBenchArgs>
  try {
    args = parseBenchArgs(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n\n${usage}`)
    return 2
  }
  if (args.help) {
    process.stdout.write(usage)
    return 0
  }
  const chromium = findChromium()
  const machine = await machineInfo(repo, chromium)
  const log = (line: string) => process.stdout.write(`${line}\n`)
  log(`bench: ${args.scales.join(', ')}; ${machine.chromium}; ${machine.cpus} CPUs; load average ${loadavg()[0]?.toFixed(2)}`)
  // Ctrl-C stops the command being measured (its own process group does not get the signal) and keeps the figures so far.
  const controller = new AbortController()
  process.once('SIGINT', () => {
    log('bench: interrupted; stopping the current command')
    controller.abort()
  })
  const work = await mkdtemp(path.join(tmpdir(), 'samizdat-bench-'))
  const measured: ScaleRecord[] = []
  try {
    for (const id of args.scales) {
      if (controller.signal.aborted) break
      const plan = scalePlans[id]
      if (plan.corpus && !hasCorpus(plan.corpus)) {
        log(`bench: ${plan.label}: not on this machine (${corpusDir}; SAMIZDAT_CORPUS names it), skipped`)
        continue
      }
      measured.push(
        await runScale({
          repo,
          chromium,
          work: path.join(work, id),
          plan,
          runs: args.runs ?? plan.runs,
          limitMs: args.limitMs ?? plan.limitMs,
          memoryLimitBytes: args.memoryLimitBytes,
          machine,
          signal: controller.signal,
          log,
        }),
      )
    }
  } finally {
    if (args.keep) log(`bench: kept ${work}`)
    else await rm(work, { recursive: true, force: true })
  }
  const results = await writeResults(path.resolve(repo, args.resultsDir), measured, args.fresh)
  log('')
  log(renderReport(results))
  log(`bench: wrote ${path.join(args.resultsDir, 'latest.json')} and latest.md`)
  return 0
}

process.exitCode = await main()
