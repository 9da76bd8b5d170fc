import { existsSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { writeFileAtomic } from '../scripts/lib/write-file-atomic.ts'
import { renderReport } from './report.ts'
import type { ResultsFile, ScaleRecord } from './results.ts'

/**
 * Write `latest.json` and `latest.md` in `dir`: the scales just measured
 * replace their earlier figures, the others are kept (each says when it
 * was measured), unless `fresh`. Returns the merged results.
 */
export async function writeResults(dir: string, measured: readonly ScaleRecord[], fresh: boolean): Promise<ResultsFile> {
  const file = path.join(dir, 'latest.json')
  const previous: ResultsFile = !fresh && existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as ResultsFile) : { updated: '', scales: {} }
  const scales = { ...previous.scales }
  for (const scale of measured) scales[scale.scale] = scale
  const results: ResultsFile = { updated: new Date().toISOString(), scales }
  await mkdir(dir, { recursive: true })
  await writeFileAtomic(file, `${JSON.stringify(results, null, 2)}\n`)
  await writeFileAtomic(path.join(dir, 'latest.md'), renderReport(results))
  return results
}
