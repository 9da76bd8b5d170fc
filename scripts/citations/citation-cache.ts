import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { CiteprocCitation } from '@citation-js/core'
import { cacheDir, cacheKey, codeVersion } from '../lib/build-cache.ts'
import type { CslStyle } from './load-csl-style.ts'

/** What citeproc made of a book's citations: each citation's HTML, the bibliography, and each work's number. */
export interface RenderedCitations {
  readonly outputs: readonly string[]
  /** citeproc's `makeBibliography()`: `[params, entries]`, or false when the style has none. */
  readonly bibliography: readonly [{ readonly entry_ids: readonly (readonly string[])[]; readonly hangingindent?: unknown }, readonly string[]] | false
  /** citeproc's `seq` of each registered work (a numeric style's number). */
  readonly seqs: Readonly<Record<string, number>>
}

// Bumped when the record's shape changes; the code that renders is in codeVersion().
const recordVersion = '1'

/**
 * The key of a book's whole citation render: the style and its locale, every
 * reference, every citation in order (with its note number) and the nocite
 * keys. citeproc is deterministic, so the same key gives the same output: a
 * rebuild after a change that leaves the citations alone skips citeproc.
 */
export function citationsKey(style: CslStyle, items: readonly unknown[], citations: readonly CiteprocCitation[], nocite: readonly string[]): string {
  return cacheKey(recordVersion, codeVersion(), style.xml, style.locale.xml, JSON.stringify(items), JSON.stringify(citations), JSON.stringify(nocite))
}

/** The render cached under `key`, if any (a cache that cannot be read is a miss). */
export function readRenderedCitations(key: string): RenderedCitations | undefined {
  const dir = cacheDir()
  if (!dir) return undefined
  try {
    return JSON.parse(readFileSync(path.join(dir, 'citations', key), 'utf8')) as RenderedCitations
  } catch {
    return undefined
  }
}

/** Keep the render (written whole, then renamed: a reader never sees half a record). */
export function writeRenderedCitations(key: string, rendered: RenderedCitations): void {
  const dir = cacheDir()
  if (!dir) return
  const file = path.join(dir, 'citations', key)
  const temp = `${file}.${process.pid}.tmp`
  try {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(temp, JSON.stringify(rendered))
    renameSync(temp, file)
  } catch {
    // Only a slower rebuild.
  }
}
