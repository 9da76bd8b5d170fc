import path from 'node:path'
import type { Point } from 'unist'
import { VFile } from 'vfile'
import type { ResolvedBook } from '../config/resolve-book.ts'
import { pointLocator } from './point-locator.ts'

type BookFiles = Pick<ResolvedBook, 'configFile' | 'root'>

const folderFiles = new WeakMap<BookFiles, VFile>()

/**
 * The file that carries book-level citation problems: `book.yaml`, or, for a
 * book without one, a file standing for the manuscript folder (one per book,
 * so its messages stay together).
 */
export function bookFile(book: BookFiles): VFile {
  if (book.configFile) return book.configFile
  let file = folderFiles.get(book)
  if (!file) {
    file = new VFile({ path: book.root })
    folderFiles.set(book, file)
  }
  return file
}

/**
 * Where `key:` is written in `book.yaml`, or where `value` is written after it
 * (a bibliography path, a nocite key), so a message points at the line to fix.
 */
export function bookYamlPlace(book: BookFiles, key: string, value?: string): Point | undefined {
  const text = book.configFile ? String(book.configFile.value) : ''
  const keyMatch = new RegExp(`^\\s*${key}\\s*:`, 'm').exec(text)
  if (!keyMatch) return undefined
  const locate = pointLocator(text)
  if (value === undefined) return locate(keyMatch.index + keyMatch[0].indexOf(key))
  const candidates = path.isAbsolute(value) ? [path.relative(book.root, value), path.basename(value), value] : [value]
  for (const candidate of candidates) {
    const at = text.indexOf(candidate, keyMatch.index)
    if (at !== -1) return locate(at)
  }
  return locate(keyMatch.index + keyMatch[0].indexOf(key))
}
