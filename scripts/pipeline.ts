import { copyFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { VFile } from 'vfile'
import { loadBookFonts } from './assets/book-fonts.ts'
import type { BookTree } from './book-model.ts'
import type { BookOverrides } from './config/resolve-book.ts'
import { hastToWebHtml } from './hast-to-web-html.ts'
import { manuscriptToBookTree } from './manuscript-to-book-tree.ts'
import { bookText } from './book-text.ts'
import { writeFileAtomic } from './write-file-atomic.ts'

/** The outputs `samizdat build` can make. */
export const formats = ['html', 'pdf', 'epub', 'booklet'] as const
export type Format = (typeof formats)[number]

/** Where the styles, fonts and CSL files that ship with samizdat live. */
export const stylesDir = fileURLToPath(new URL('../styles/', import.meta.url))

/** What the pipeline tells its caller while it works. */
export type BuildEvent =
  | { readonly type: 'stage'; readonly stage: string; readonly ms: number }
  | { readonly type: 'progress'; readonly stage: string; readonly message: string }
  | { readonly type: 'output'; readonly file: string; readonly bytes: number; readonly pages?: number }

/** Options for {@link buildBook}. */
export interface BuildOptions {
  readonly dir: string
  readonly out: string
  readonly formats: ReadonlySet<Format>
  readonly overrides?: BookOverrides
  readonly signal?: AbortSignal
  readonly onEvent?: (event: BuildEvent) => void
}

/** What a build made, and the source files with their messages. */
export interface BuildResult {
  readonly files: readonly VFile[]
  readonly outputs: readonly string[]
  readonly tree: BookTree
}

/**
 * Build the book: manuscript → mdast → hast → (HTML | PDF → booklet | EPUB).
 * Each output is written to a temp file and renamed, so a failed build leaves
 * the previous outputs as they were.
 */
export async function buildBook(options: BuildOptions): Promise<BuildResult> {
  const emit = options.onEvent ?? (() => {})
  const timed = async <T>(stage: string, run: () => Promise<T>): Promise<T> => {
    options.signal?.throwIfAborted()
    const start = performance.now()
    const value = await run()
    emit({ type: 'stage', stage, ms: performance.now() - start })
    return value
  }
  const { tree, files } = await timed('read', () => manuscriptToBookTree(options.dir, options.overrides))
  if (files.some((file) => file.messages.some((message) => message.fatal === true))) return { files, outputs: [], tree }
  const outputs: string[] = []
  const write = async (name: string, data: Uint8Array | string, pages?: number) => {
    const file = path.join(options.out, name)
    await writeFileAtomic(file, data)
    outputs.push(file)
    emit({ type: 'output', file, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength, ...(pages ? { pages } : {}) })
  }
  await mkdir(options.out, { recursive: true })
  if (options.formats.has('html')) {
    await timed('html', async () => {
      const assets = await writeWebAssets(tree, options.out)
      await write('book.html', hastToWebHtml(tree, { stylesheets: assets }))
    })
  }
  return { files, outputs, tree }
}

/** Copy the screen stylesheet and the fonts the book uses next to `book.html`. */
async function writeWebAssets(tree: BookTree, out: string): Promise<string[]> {
  const fonts = await loadBookFonts(tree.book.typeface, bookText(tree))
  const fontDir = path.join(out, 'assets', 'fonts')
  await mkdir(fontDir, { recursive: true })
  for (const face of fonts.faces) await copyFile(face.file, path.join(fontDir, face.name))
  await writeFileAtomic(path.join(out, 'assets', 'fonts.css'), `${fonts.css('fonts')}\n:root { --book-face: '${fonts.family}'; }\n`)
  await copyFile(path.join(stylesDir, 'screen.css'), path.join(out, 'assets', 'screen.css'))
  return ['assets/fonts.css', 'assets/screen.css']
}
