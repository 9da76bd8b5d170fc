import { existsSync } from 'node:fs'
import { copyFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { BookTree } from './book-model.ts'
import { bookHasMath, bookText } from './book-text.ts'
import { writeFileAtomic } from './write-file-atomic.ts'
import { loadBookFonts } from './book-fonts.ts'

/**
 * Write the book face into `dir`: the WOFF2 files the book's characters need
 * under `fonts/` (a file already there is kept: its name says its face and
 * subset), and `fonts.css` declaring them with `--book-face` set.
 */
export async function writeBookFonts(tree: BookTree, dir: string): Promise<void> {
  const fonts = await loadBookFonts(tree.book.typeface, bookText(tree), { math: bookHasMath(tree) })
  await mkdir(path.join(dir, 'fonts'), { recursive: true })
  for (const face of fonts.faces) {
    const target = path.join(dir, 'fonts', face.name)
    if (!existsSync(target)) await copyFile(face.file, target)
  }
  await writeFileAtomic(path.join(dir, 'fonts.css'), `${fonts.css('fonts')}\n:root { --book-face: '${fonts.family}'; }\n`)
}
