import { cpSync, existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'

/**
 * The shared corpus of real manuscripts (never edited: books are built from
 * copies): `$SAMIZDAT_CORPUS`, or the nearest `shared/corpus` beside the
 * checkout or a folder above it (a git worktree sits deeper than the main checkout).
 */
export const corpusDir = process.env['SAMIZDAT_CORPUS'] ?? findCorpus(path.resolve(import.meta.dirname, '..', '..'))

function findCorpus(checkout: string): string {
  let dir = path.dirname(checkout)
  for (;;) {
    const candidate = path.join(dir, 'shared', 'corpus')
    if (existsSync(candidate) || path.dirname(dir) === dir) return candidate
    dir = path.dirname(dir)
  }
}
const bookYamls = path.join(import.meta.dirname, '..', 'fixtures', 'corpus')

/** Whether the shared corpus is on this machine (a checkout elsewhere may not have it). */
export function hasCorpus(name: string): boolean {
  return existsSync(path.join(corpusDir, name))
}

/** A temporary copy of a corpus manuscript with samizdat's `book.yaml` for it (`tests/fixtures/corpus/<name>/`). */
export function corpusBook(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `samizdat-${name}-`))
  copyCorpusBook(name, dir)
  return dir
}

/** Copy a corpus manuscript into `target`, with samizdat's `book.yaml` for it where there is one. */
export function copyCorpusBook(name: string, target: string): void {
  cpSync(path.join(corpusDir, name), target, { recursive: true })
  const yaml = path.join(bookYamls, name, 'book.yaml')
  if (existsSync(yaml)) cpSync(yaml, path.join(target, 'book.yaml'))
}

/** Markup that means pandoc Markdown was printed instead of read. */
export const literalMarkup: readonly (readonly [name: string, pattern: RegExp])[] = [
  ['fenced div `:::`', /:::/g],
  ['span or attributes `]{`', /\]\{/g],
  ['attributes `{#`', /\{#/g],
  ['caption `Table:`', /(^|\n)\s*Table:/g],
  ['display math `$$`', /\$\$/g],
  ['line-block bar `| `', /(^|\n)\| /g],
  ['inline note `^[`', /\^\[/g],
]

/** Each kind of literal markup in a web edition's text outside code (pre, code, kbd, samp) and formulas, with where it was. */
export function countLiteralMarkup(html: string): Map<string, string[]> {
  const found = new Map<string, string[]>()
  const walk = (node: Root | Root['children'][number]) => {
    if (node.type === 'element' && ['pre', 'code', 'kbd', 'samp', 'math', 'script', 'style'].includes(node.tagName)) return
    if (node.type === 'text') {
      for (const [name, pattern] of literalMarkup) {
        for (const match of node.value.matchAll(pattern)) {
          const list = found.get(name) ?? []
          list.push(node.value.slice(Math.max(0, match.index - 30), match.index + 40).replace(/\s+/g, ' '))
          found.set(name, list)
        }
      }
    }
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(fromHtml(html))
  return found
}
