import { copyFile, mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Font } from 'fontkit'
import { VFile } from 'vfile'
import { configPlace, type ResolvedBook } from '../config/resolve-book.ts'
import { failFile } from '../diagnostics/fail.ts'
import { writeFileAtomic } from '../lib/write-file-atomic.ts'

const fontFormats: Readonly<Record<string, string>> = { '.ttf': 'truetype', '.otf': 'opentype', '.woff': 'woff', '.woff2': 'woff2' }

/**
 * The book's own look in the print build folder `dir`: its font files under
 * `book-fonts/` with a `book-look.css` declaring each by the family, weight
 * and style its own tables give, the `fontSize` and `leading` as the
 * custom properties print.css sets the text with, and its stylesheets
 * under `book-css/`, in order. Resolves to the stylesheets to link after
 * samizdat's own. Everything is a file of the build folder, so the
 * browser's sandbox holds; a remote `url()` in a stylesheet is refused and
 * reported like any other. A font that is not a font, or whose licence
 * bit forbids embedding (OpenType OS/2 fsType), stops the build.
 */
export async function writeBookLook(book: ResolvedBook, dir: string): Promise<string[]> {
  const fonts = asList(book.fonts)
  const sheets = asList(book.stylesheet)
  const rules: string[] = []
  if (fonts.length > 0) await mkdir(path.join(dir, 'book-fonts'), { recursive: true })
  for (const [index, name] of fonts.entries()) {
    const source = path.resolve(book.root, name)
    const face = await readFace(source, name, book, index)
    const target = `book-fonts/${index}-${path.basename(source)}`
    await copyFile(source, path.join(dir, target))
    rules.push(
      `@font-face { font-family: ${JSON.stringify(face.family)}; src: url(${JSON.stringify(encodeURI(target))}) format("${face.format}"); font-weight: ${face.weight}; font-style: ${face.style}; }`,
    )
  }
  const properties = [...(book.fontSize ? [`--body-size: ${book.fontSize};`] : []), ...(book.leading ? [`--leading: ${book.leading};`] : [])]
  if (properties.length > 0) rules.push(`:root { ${properties.join(' ')} }`)
  const links: string[] = []
  if (rules.length > 0) {
    await writeFileAtomic(path.join(dir, 'book-look.css'), `/* The book's own fonts and type (book.yaml), written by samizdat. */\n${rules.join('\n')}\n`)
    links.push('book-look.css')
  }
  if (sheets.length > 0) await mkdir(path.join(dir, 'book-css'), { recursive: true })
  for (const [index, name] of sheets.entries()) {
    const target = `book-css/${index}-${path.basename(name)}`
    await copyFile(path.resolve(book.root, name), path.join(dir, target))
    links.push(target)
  }
  return links
}

async function readFace(file: string, name: string, book: ResolvedBook, index: number): Promise<{ family: string; weight: number; style: string; format: string }> {
  const place = configPlace(book.configFile, Array.isArray(book.fonts) ? ['fonts', index] : ['fonts'])
  const where = book.configFile ?? new VFile({ path: file })
  const format = fontFormats[path.extname(file).toLowerCase()]
  if (!format) failFile(where, `\`${name}\` is not a font file samizdat can embed: give a .ttf, .otf, .woff or .woff2`, 'font-file', place)
  let font: Font
  try {
    const fontkit = await import('fontkit')
    font = fontkit.create(await readFile(file)) as Font
  } catch (error) {
    return failFile(where, `\`${name}\` could not be read as a font (${(error as Error).message}): export it again as OpenType or TrueType`, 'font-file', place)
  }
  const os2 = font['OS/2']
  // fsType bit 1 (0x0002): "Restricted License embedding", which a PDF would break; bitmap-only faces have no outlines.
  if (os2?.fsType.noEmbedding || os2?.fsType.bitmapOnly) {
    failFile(where, `\`${name}\` (${font.familyName}) forbids embedding in its licence bits (OpenType OS/2 fsType), so it cannot go into a PDF or EPUB: choose another face, or ask its foundry for an embeddable licence`, 'font-not-embeddable', place)
  }
  const italic = font.italicAngle !== 0 || /italic|oblique/i.test(font.subfamilyName)
  return { family: font.familyName, weight: os2?.usWeightClass ?? 400, style: italic ? 'italic' : 'normal', format: format! }
}

function asList(value: string | readonly string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value]
}
