import { readdirSync } from 'node:fs'
import path from 'node:path'
import { bibliographyEntries, citationLines } from './normalize-output.ts'
import { readFixture } from './read-fixture.ts'
import { runCiteproc } from './run-citeproc.ts'
import { runSamizdat } from './run-samizdat.ts'

/** One fixture's outcome on citeproc-js (as its own runner drives it) and on samizdat's citation path. */
export interface FixtureOutcome {
  readonly name: string
  readonly group: string
  readonly citeproc: boolean
  readonly samizdat: boolean
  readonly expected: readonly string[]
  readonly got: readonly string[]
}

/** The groups whose fixtures test the citation state samizdat keeps across a book (issue 17's acceptance). */
export const keptGroups = ['position', 'disambiguate', 'collapse', 'locator', 'integration', 'affix', 'label', 'page', 'number']

/** Run every `citation` and `bibliography` fixture of `dir` whose group is in `groups` (all when undefined). */
export function runSuite(dir: string, groups?: readonly string[]): FixtureOutcome[] {
  const outcomes: FixtureOutcome[] = []
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.txt')).sort()) {
    if (groups && !groups.includes(name.split('_')[0]!)) continue
    const fixture = readFixture(path.join(dir, name))
    if (fixture.mode !== 'citation' && fixture.mode !== 'bibliography') continue
    const expected = fixture.mode === 'bibliography' ? bibliographyEntries(fixture.result) : citationLines(fixture.result)
    const citeproc = attempt(() => runCiteproc(fixture))
    const got = attempt(() => runSamizdat(fixture))
    const same = (lines: readonly string[]) => JSON.stringify(lines) === JSON.stringify(expected)
    outcomes.push({ name: fixture.name, group: fixture.group, citeproc: same(citeproc), samizdat: same(got), expected, got })
  }
  return outcomes
}

function attempt(run: () => string[]): string[] {
  try {
    return run()
  } catch (error) {
    return [`error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`]
  }
}

/** Pass counts per group: `group  fixtures  citeproc-js  samizdat`. */
export function passRates(outcomes: readonly FixtureOutcome[]): string[] {
  const groups = new Map<string, [number, number, number]>()
  for (const outcome of outcomes) {
    const counts = groups.get(outcome.group) ?? [0, 0, 0]
    counts[0] += 1
    if (outcome.citeproc) counts[1] += 1
    if (outcome.samizdat) counts[2] += 1
    groups.set(outcome.group, counts)
  }
  const total = [...groups.values()].reduce((sum, counts) => sum.map((value, at) => value + counts[at]!) as [number, number, number], [0, 0, 0])
  const line = (group: string, [count, citeproc, samizdat]: readonly number[]) =>
    `${group.padEnd(14)} ${String(count).padStart(4)}  citeproc-js ${String(citeproc).padStart(4)}  samizdat ${String(samizdat).padStart(4)}`
  return [...[...groups].map(([group, counts]) => line(group, counts)), line('all', total)]
}
