import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'yaml'
import { copyCorpusBook, corpusDir, hasCorpus } from '../tests/helpers/corpus-book.ts'
import type { BenchBook } from './make-book.ts'

/**
 * A copy of a corpus manuscript in `target`, as samizdat builds it: with the
 * `book.yaml` the tests give it (tests/fixtures/corpus/<name>/), or none (the
 * manuscript's own order: mdBook's SUMMARY.md, else the file names).
 */
export async function corpusBook(name: string, target: string): Promise<BenchBook> {
  if (!hasCorpus(name)) throw new Error(`The corpus manuscript ${path.join(corpusDir, name)} is not on this machine (set SAMIZDAT_CORPUS to the corpus folder)`)
  copyCorpusBook(name, target)
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
