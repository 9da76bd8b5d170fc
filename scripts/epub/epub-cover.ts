import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { VFile } from 'vfile'
import { configPlace, type ResolvedBook } from '../config/resolve-book.ts'
import { warn } from '../diagnostics/fail.ts'
import { imageMediaType } from './book-images.ts'
import { renderCover } from './render-cover.ts'

/** The cover image as it goes into the EPUB. */
export interface CoverImage {
  readonly href: string
  readonly mediaType: string
  readonly data: Uint8Array
}

/**
 * The cover: book.yaml's `cover` when it names a PNG, JPEG, GIF or SVG in
 * the manuscript folder, otherwise one rendered from the title (no browser:
 * see renderCover). Problems are reported and the build goes on; a cover that
 * fails to render leaves the EPUB without a cover image (and says why).
 */
export async function epubCover(book: ResolvedBook, file: VFile, options: { readonly renderCover?: boolean } = {}): Promise<CoverImage | undefined> {
  if (book.cover) {
    const source = path.resolve(book.root, book.cover)
    const mediaType = imageMediaType(source)
    const place = configPlace(book.configFile, ['cover'])
    if (!existsSync(source)) warn(book.configFile ?? file, `Cover \`${book.cover}\` not found: check the path (relative to the manuscript folder); a cover is made from the title instead`, 'cover-image', place)
    else if (!mediaType) warn(book.configFile ?? file, `Cover \`${book.cover}\` is not PNG, JPEG, GIF or SVG, which every EPUB reader shows: convert it; a cover is made from the title instead`, 'cover-image', place)
    else return { href: `cover${path.extname(source).toLowerCase()}`, mediaType, data: await readFile(source) }
  }
  if (options.renderCover === false) return undefined
  try {
    return { href: 'cover.png', mediaType: 'image/png', data: await renderCover(book) }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    warn(file, `Could not render a cover from the title (${reason}): the EPUB has no cover image; name one with \`cover: images/cover.png\` in book.yaml`, 'cover-render')
    return undefined
  }
}
