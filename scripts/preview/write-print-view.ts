import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import type { BookTree } from '../book-model.ts'

type WritePrintBuild = (tree: BookTree, dir: string, options: object) => Promise<unknown>

// The print stage's modules, where `writePrintBuild` lives; the preview shows the web edition until one exists.
const printModules = [new URL('../write-print-build.ts', import.meta.url), new URL('../hast-to-print-html.ts', import.meta.url)]

/**
 * Write the print HTML (what Paged.js paginates for the PDF) and its assets
 * into `dir` with the print stage's `writePrintBuild`, and
 * resolve with the page's file name inside `dir`; undefined while that stage
 * does not exist yet.
 */
export async function writePrintView(tree: BookTree, dir: string): Promise<string | undefined> {
  const writePrintBuild = await loadWritePrintBuild()
  if (!writePrintBuild) return undefined
  const result = await writePrintBuild(tree, dir, {})
  return pageName(result, dir) ?? (await readdir(dir)).find((name) => name.endsWith('.html'))
}

async function loadWritePrintBuild(): Promise<WritePrintBuild | undefined> {
  for (const url of printModules) {
    if (!existsSync(url)) continue
    // A computed specifier: the module may not exist when this file is type-checked.
    const module = (await import(url.href)) as { writePrintBuild?: unknown }
    if (typeof module.writePrintBuild === 'function') return module.writePrintBuild as WritePrintBuild
  }
  return undefined
}

/** The HTML file `writePrintBuild` reports: a path, or an object with `htmlFile`/`html`. */
function pageName(result: unknown, dir: string): string | undefined {
  const candidates = typeof result === 'string' ? [result] : [(result as { htmlFile?: unknown } | undefined)?.htmlFile, (result as { html?: unknown } | undefined)?.html]
  const file = candidates.find((value): value is string => typeof value === 'string' && value.endsWith('.html'))
  return file ? path.relative(dir, path.resolve(dir, file)) : undefined
}
