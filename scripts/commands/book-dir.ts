import { existsSync, statSync } from 'node:fs'
import path from 'node:path'

/**
 * The book folder a command works on when none is named: the current folder
 * when it holds a `book.yaml` (so `cd my-book && samizdat build` builds it),
 * else a `manuscript/` folder beside it (samizdat's own checkout, and books
 * laid out that way), else the current folder (chapters without a book.yaml).
 */
export function defaultBookDir(cwd: string = process.cwd()): string {
  if (existsSync(path.join(cwd, 'book.yaml'))) return '.'
  const manuscript = path.join(cwd, 'manuscript')
  if (existsSync(manuscript) && statSync(manuscript).isDirectory()) return 'manuscript'
  return '.'
}

/**
 * Where `build` writes when `--out` is not given: `dist/` inside the book
 * folder, never the folder samizdat runs from, so `samizdat build ../zine`
 * cannot overwrite another book's outputs (or samizdat's own `dist/`).
 */
export function defaultOutDir(bookDir: string): string {
  return path.join(bookDir, 'dist')
}
