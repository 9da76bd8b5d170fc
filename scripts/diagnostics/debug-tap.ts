import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * The debug tap between stages: with `SAMIZDAT_DEBUG=mdast,hast` (or `all`),
 * each named stage's trees are written as JSON to `.samizdat-debug/`.
 */
export async function debugTap(stage: string, trees: readonly unknown[]): Promise<void> {
  const wanted = process.env['SAMIZDAT_DEBUG']?.split(',') ?? []
  if (!wanted.includes(stage) && !wanted.includes('all')) return
  const dir = path.resolve('.samizdat-debug')
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, `${stage}.json`), JSON.stringify(trees, null, 2))
}
