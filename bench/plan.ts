import type { ToolId } from './tools.ts'

/** The books the benchmark builds: the default manuscript, its chapters repeated 10 and 100 times, and the corpus's real manuscripts. */
export const scaleIds = ['default', '10x', '100x', 'pandoc-book-template', 'phd-thesis', 'pandoc-manual', 'rust-book'] as const
export type ScaleId = (typeof scaleIds)[number]

/** What one scale runs, and how often. */
export interface ScalePlan {
  readonly id: ScaleId
  readonly label: string
  /** How many times the manuscript's chapters are repeated. */
  readonly copies: number
  /** A manuscript of the shared corpus (`../shared/corpus/<name>`, or `$SAMIZDAT_CORPUS/<name>`) instead of the default book. */
  readonly corpus?: string
  /** Runs per tool, interleaved round-robin. */
  readonly runs: number
  /** Time limit of each command. */
  readonly limitMs: number
  /** In the order each round runs them. */
  readonly tools: readonly ToolId[]
}

const minutes = 60_000

export const scalePlans: Readonly<Record<ScaleId, ScalePlan>> = {
  default: {
    id: 'default',
    label: 'default book (1×)',
    copies: 1,
    runs: 3,
    limitMs: 5 * minutes,
    tools: ['samizdat-all', 'samizdat-pdf', 'pagedjs-cli', 'chromium', 'samizdat-epub', 'pandoc-epub', 'samizdat-html', 'pandoc-html'],
  },
  '10x': {
    id: '10x',
    label: '10× book',
    copies: 10,
    runs: 3,
    limitMs: 15 * minutes,
    tools: ['samizdat-pdf', 'pagedjs-cli', 'chromium', 'samizdat-rebuild', 'samizdat-epub', 'pandoc-epub', 'samizdat-html', 'pandoc-html'],
  },
  '100x': {
    id: '100x',
    label: '100× book',
    copies: 100,
    runs: 1,
    limitMs: 20 * minutes,
    tools: ['samizdat-pdf-epub', 'pagedjs-cli', 'chromium'],
  },
  'pandoc-book-template': corpusPlan('pandoc-book-template'),
  'phd-thesis': corpusPlan('phd-thesis'),
  'pandoc-manual': corpusPlan('pandoc-manual'),
  'rust-book': corpusPlan('rust-book'),
}

/** A real manuscript of the corpus, built as it is: samizdat's PDF (pages per second) and EPUB. */
function corpusPlan(name: string): ScalePlan {
  return { id: name as ScaleId, label: `corpus: ${name}`, copies: 1, corpus: name, runs: 1, limitMs: 15 * minutes, tools: ['samizdat-pdf', 'samizdat-epub'] }
}

/** The tools whose first output is the print PDF of the book (their pages are compared). */
export const printTools: readonly ToolId[] = ['samizdat-all', 'samizdat-pdf', 'samizdat-pdf-epub', 'samizdat-rebuild', 'pagedjs-cli', 'chromium']
