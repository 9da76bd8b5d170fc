import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { VFile } from 'vfile'
import { failFile } from '../../diagnostics/fail.ts'
import { checkoutDir } from '../command-on-path.ts'
import { shellWord } from '../shell-word.ts'

/** What to fill the new book with. */
export interface InitOptions {
  readonly title?: string
  readonly author?: string
  readonly lang?: string
}

/** The template book: `book.yaml`, two chapters citing the two works of `references.bib`, a README. */
export const templateDir = fileURLToPath(new URL('./template/', import.meta.url))

/**
 * Write a new book into `dir` (made if missing) that builds as it is.
 * Refuses, with a message naming the folder, when `dir` already holds a book
 * (a `book.yaml` or Markdown chapters) or any file the template would write:
 * nothing is ever overwritten. Resolves with the files written.
 */
export async function initBook(dir: string, options: InitOptions = {}): Promise<string[]> {
  const root = path.resolve(dir)
  const folder = new VFile({ path: root })
  const names = (await readdir(templateDir)).sort()
  if (existsSync(root)) {
    const present = await readdir(root).catch(() => failFile(folder, `\`${dir}\` is a file, not a folder: choose a new folder name for the book`, 'init-not-a-folder'))
    const clash = present.filter((name) => name === 'book.yaml' || /\.(md|markdown)$/i.test(name) || names.includes(name))
    if (clash.length > 0) {
      failFile(folder, `\`${dir}\` already holds a book (${clash.join(', ')}); samizdat init never overwrites: choose a new folder name`, 'init-existing-book')
    }
  }
  await mkdir(root, { recursive: true })
  const values: Record<string, string> = {
    title: yamlString(options.title ?? titleFromFolder(root)),
    author: yamlString(options.author ?? 'Your Name'),
    lang: yamlString(options.lang ?? 'en'),
    name: options.title ?? titleFromFolder(root),
    // Absolute: the README is read from the book folder, not from where `init` ran.
    path: shellWord(root),
    checkout: checkoutDir,
    bin: shellWord(path.join(checkoutDir, 'scripts', 'bin.js')),
  }
  const written: string[] = []
  for (const name of names) {
    const text = (await readFile(path.join(templateDir, name), 'utf8')).replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole)
    // `wx`: fail rather than overwrite a file that appeared since the check above.
    await writeFile(path.join(root, name), text, { flag: 'wx' })
    written.push(path.join(root, name))
  }
  return written
}

/** `my-first-book` → `My first book`. */
function titleFromFolder(root: string): string {
  const words = path.basename(root).replace(/[-_]+/g, ' ').trim()
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'My book'
}

/** A double-quoted YAML scalar: JSON's string escapes are valid YAML (YAML 1.2 §7.3.1). */
function yamlString(value: string): string {
  return JSON.stringify(value)
}
