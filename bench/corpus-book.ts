import { existsSync } from 'node:fs'
import { cp, readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'yaml'
import type { BenchBook } from './make-book.ts'

/** The shared corpus of real manuscripts: `$SAMIZDAT_CORPUS`, else `../shared/corpus` beside the repository. */
export function corpusDir(repo: string): string {
  return process.env['SAMIZDAT_CORPUS'] ?? path.resolve(repo, '..', 'shared', 'corpus')
}

/**
 * A copy of a corpus manuscript in `target`, as samizdat builds it: with the
 * `book.yaml` the tests give it (tests/fixtures/corpus/<name>/), or none (the
 * manuscript's own order: mdBook's SUMMARY.md, else the file names).
 */
export async function corpusBook(repo: string, name: string, target: string): Promise<BenchBook> {
  const source = path.join(corpusDir(repo), name)
  if (!existsSync(source)) throw new Error(`The corpus manuscript ${source} is not on this machine (set SAMIZDAT_CORPUS to the corpus folder)`)
  await cp(source, target, { recursive: true })
  const yaml = path.join(repo, 'tests', 'fixtures', 'corpus', name, 'book.yaml')
  if (existsSync(yaml)) await cp(yaml, path.join(target, 'book.yaml'))
  const config = existsSync(path.join(target, 'book.yaml')) ? ((parse(await readFile(path.join(target, 'book.yaml'), 'utf8')) ?? {}) as Record<string, unknown>) : {}
  const chapters = Array.isArray(config['chapters'])
    ? config['chapters'].map((file) => path.resolve(target, String(file)))
    : (await readdir(target)).filter((file) => /\.(md|markdown)$/i.test(file)).map((file) => path.join(target, file))
  return {
    dir: target,
    chapters,
    bibliography: [config['bibliography'] ?? []].flat().map((file) => path.resolve(target, String(file))),
    ...(typeof config['csl'] === 'string' ? { csl: config['csl'] } : {}),
    title: typeof config['title'] === 'string' ? config['title'] : name,
    lang: typeof config['lang'] === 'string' ? config['lang'] : 'en',
  }
}
