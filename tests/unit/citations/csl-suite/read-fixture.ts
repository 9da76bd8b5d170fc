import { readFileSync } from 'node:fs'
import path from 'node:path'

/** One cite of a CSL test-suite fixture (`CITATION-ITEMS`, `CITATIONS`). */
export interface FixtureCite {
  id: string | number
  locator?: string
  label?: string
  prefix?: string
  suffix?: string
  'suppress-author'?: boolean
  'author-only'?: boolean
  position?: number
  [other: string]: unknown
}

/** A `CITATIONS` step: a citation and the citations before and after it ([id, noteIndex]). */
export type FixtureStep = [
  { citationID: string; citationItems: FixtureCite[]; properties: { noteIndex: number; [other: string]: unknown } },
  [string, number][],
  [string, number][],
]

/** A fixture of the CSL processor test suite (https://github.com/citation-style-language/test-suite). */
export interface Fixture {
  readonly name: string
  /** The part before the first `_`: `position`, `disambiguate`… */
  readonly group: string
  readonly mode: string
  readonly csl: string
  readonly input: Array<{ id: string | number; [field: string]: unknown }>
  readonly result: string
  readonly citationItems: FixtureCite[][] | undefined
  readonly citations: FixtureStep[] | undefined
  /** Sections other than the above (`BIBENTRIES`, `OPTIONS`, `ABBREVIATIONS`…). */
  readonly extra: Readonly<Record<string, string>>
}

const section = />>=+\s*([A-Z0-9-]+)\s*=+>>\r?\n([\s\S]*?)\r?\n<<=+\s*\1\s*=+<</g

/** Read a fixture file (`group_Name.txt`). */
export function readFixture(file: string): Fixture {
  const sections: Record<string, string> = {}
  for (const match of readFileSync(file, 'utf8').matchAll(section)) sections[match[1]!] = match[2]!
  const { MODE, CSL, INPUT, RESULT, 'CITATION-ITEMS': items, CITATIONS, ...extra } = sections
  const name = path.basename(file, '.txt')
  return {
    name,
    group: name.split('_')[0]!,
    mode: (MODE ?? '').trim(),
    csl: CSL ?? '',
    input: JSON.parse(INPUT ?? '[]'),
    result: RESULT ?? '',
    citationItems: items ? JSON.parse(items) : undefined,
    citations: CITATIONS ? JSON.parse(CITATIONS) : undefined,
    extra,
  }
}
