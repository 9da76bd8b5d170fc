import { copyFile, } from 'node:fs/promises'
import path from 'node:path'
import type { BookTree } from '../lib/book-model.ts'
import { buildImages } from '../lib/build-images.ts'
import { copyBookImage } from '../lib/sanitize-svg.ts'
import { stylesDir } from '../lib/styles-dir.ts'
import { writeBookFonts } from '../lib/write-book-fonts.ts'

/** The web edition's stylesheets, relative to `book.html`. */
export const webStylesheets = ['assets/fonts.css', 'assets/screen.css']

/** Copy the screen stylesheet and the fonts the book uses next to `book.html`. */
export async function writeWebAssets(tree: BookTree, out: string, images: ReadonlyMap<string, string>): Promise<void> {
  await writeBookFonts(tree, path.join(out, 'assets'))
  await copyFile(path.join(stylesDir, 'screen.css'), path.join(out, 'assets', 'screen.css'))
  for (const [file, target] of images) {
    await copyBookImage(file, path.join(out, target))
  }
}

/** The book's images, under `assets/images/` beside `book.html`. */
export function webImages(tree: BookTree): Map<string, string> {
  return new Map([...buildImages(tree)].map(([file, target]) => [file, `assets/${target}`]))
}
