import { parseArgs } from 'node:util'
import { type ScaleId, scaleIds, scalePlans } from './plan.ts'

/** What `npm run bench -- …` asked for. */
export interface BenchArgs {
  readonly scales: readonly ScaleId[]
  /** Runs per tool; undefined: each scale's own default (3, 3, 1). */
  readonly runs?: number
  /** Time limit per command, in ms; undefined: each scale's own. */
  readonly limitMs?: number
  readonly memoryLimitBytes: number
  readonly keep: boolean
  readonly fresh: boolean
  readonly resultsDir: string
  readonly help: boolean
}

export const usage = `npm run bench -- [options]

  --only LIST        books to build, comma-separated: default, 10x, 100x (default: all three)
  --runs N           runs per tool (default: 3 for the default and 10× books, 1 for 100×)
  --quick            one run per tool, default and 10× books only
  --limit SECONDS    time limit of each command (default: 300, 900, 1200 by book)
  --max-memory GIB   kill a command whose process tree passes this much memory (default: 8)
  --results DIR      where latest.json and latest.md go (default: bench/results)
  --fresh            do not keep the other books' figures from the previous latest.json
  --keep             keep the generated books and print HTML (temp dir) afterwards
`

/** Parse the benchmark's flags; throws with a message on a bad one. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      only: { type: 'string' },
      runs: { type: 'string' },
      quick: { type: 'boolean', default: false },
      limit: { type: 'string' },
      'max-memory': { type: 'string', default: '8' },
      results: { type: 'string', default: 'bench/results' },
      fresh: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  })
  const scales = values.only ? parseScales(values.only) : values.quick ? (['default', '10x'] as const) : scaleIds
  const runs = values.runs !== undefined ? positive('--runs', values.runs, true) : values.quick ? 1 : undefined
  return {
    scales,
    ...(runs !== undefined ? { runs } : {}),
    ...(values.limit !== undefined ? { limitMs: positive('--limit', values.limit, false) * 1000 } : {}),
    memoryLimitBytes: positive('--max-memory', values['max-memory'], false) * 1024 ** 3,
    keep: values.keep,
    fresh: values.fresh,
    resultsDir: values.results,
    help: values.help,
  }
}

function parseScales(text: string): ScaleId[] {
  const wanted = text.split(',').flatMap((part) => {
    const scale = part.trim().toLowerCase().replace(/×$/, 'x')
    // `corpus`: every manuscript of the corpus.
    return scale === 'corpus' ? scaleIds.filter((id) => scalePlans[id].corpus) : [scale]
  })
  for (const scale of wanted) {
    if (!(scaleIds as readonly string[]).includes(scale)) throw new Error(`--only: unknown book \`${scale}\`; choose from ${scaleIds.join(', ')}`)
  }
  // Always smallest first: a broken harness shows up on the quick book.
  return scaleIds.filter((scale) => wanted.includes(scale))
}

function positive(flag: string, text: string, integer: boolean): number {
  const value = Number(text)
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`${flag}: expected a positive ${integer ? 'whole ' : ''}number, got \`${text}\``)
  }
  return value
}
