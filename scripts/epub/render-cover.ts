import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Font } from 'fontkit'
import { loadBookFonts, unicodeRangeTest } from '../lib/book-fonts.ts'
import { cached, cacheKey } from '../lib/build-cache.ts'
import type { ResolvedBook } from '../config/resolve-book.ts'
import { type CoverCut, type CoverFonts, type CoverLayout, capitals, colors, coverSize, layoutCover } from './cover-layout.ts'

export { coverSize } from './cover-layout.ts'

// resvg's native binding is loaded at run time from node_modules (a bundler cannot inline a .node file).
const load = createRequire(import.meta.url)
const keyVersion = 'cover-svg-1'

/**
 * Render a typographic cover (title, subtitle, authors, publisher in the book
 * face) to PNG for a book.yaml without `cover`: the text is laid out with the
 * face's own metrics (see layoutCover), drawn as glyph outlines in an SVG,
 * and rasterised by resvg, so no browser and no font lookup is involved;
 * same book, same bytes. Kept in the build cache by the SVG's content.
 */
export async function renderCover(book: ResolvedBook): Promise<Uint8Array> {
  const svg = await coverSvg(book)
  const resvg: typeof import('@resvg/resvg-js') = load('@resvg/resvg-js')
  const version = (load('@resvg/resvg-js/package.json') as { version: string }).version
  return cached('covers', `${cacheKey(keyVersion, version, svg)}.png`, async () => {
    const png = new resvg.Resvg(svg, { font: { loadSystemFonts: false }, fitTo: { mode: 'original' } }).render().asPng()
    return new Uint8Array(png.buffer, png.byteOffset, png.byteLength)
  })
}

/** The cover as an SVG document: background, rule, and each glyph's outline (shared ones defined once). */
export async function coverSvg(book: Pick<ResolvedBook, 'title' | 'subtitle' | 'authors' | 'editors' | 'publisher' | 'typeface'>): Promise<string> {
  const people = [...book.authors, ...book.editors]
  const text = [book.title, book.subtitle, ...people, book.publisher].filter(Boolean).join('\n')
  // Capitals too: the author line is set in small caps and the publisher in capitals.
  const layout = layoutCover({ title: book.title, subtitle: book.subtitle, people, publisher: book.publisher }, await coverFonts(book.typeface, `${text}\n${capitals(text)}`))
  return svgOf(layout)
}

function svgOf(layout: CoverLayout): string {
  const fontIds = new Map<Font, number>()
  const defs = new Map<string, string>()
  const uses: string[] = []
  for (const placed of layout.glyphs) {
    if (!fontIds.has(placed.font)) fontIds.set(placed.font, fontIds.size)
    const id = `g${fontIds.get(placed.font)}-${placed.glyph.id}`
    if (!defs.has(id)) defs.set(id, `<path id="${id}" d="${placed.glyph.path.toSVG()}"/>`)
    const scale = round(placed.size / placed.font.unitsPerEm)
    // Font units point up, SVG's y down: flip about the baseline.
    uses.push(`<use href="#${id}" fill="${placed.color}" transform="matrix(${scale} 0 0 ${-scale} ${round(placed.x)} ${round(placed.y)})"/>`)
  }
  const { width, height } = coverSize
  const { rule } = layout
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<defs>${[...defs.values()].join('')}</defs>`,
    `<rect width="${width}" height="${height}" fill="${colors.background}"/>`,
    `<rect x="${rule.x}" y="${rule.y}" width="${rule.width}" height="${rule.height}" fill="${colors.accent}"/>`,
    ...uses,
    '</svg>',
  ].join('\n')
}

// Three decimals: well below a pixel's hundredth, and the same text on every run.
function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

// Fonts opened once per process: a watch rebuild or a second book in the same face reuses them.
const opened = new Map<string, Promise<Font>>()

/** The book face's bold, regular and italic cuts, each as the subsets that the cover's text needs. */
async function coverFonts(typeface: string, text: string): Promise<CoverFonts> {
  const fonts = await loadBookFonts(typeface, text)
  const cut = async (weight: number, style: string): Promise<CoverCut> => ({
    subsets: await Promise.all(
      fonts.faces.filter((face) => face.weight === weight && face.style === style).map(async (face) => ({ font: await openFont(face.file), covers: unicodeRangeTest(face.unicodeRange) })),
    ),
  })
  return { bold: await cut(700, 'normal'), regular: await cut(400, 'normal'), italic: await cut(400, 'italic') }
}

function openFont(file: string): Promise<Font> {
  let font = opened.get(file)
  if (!font) {
    font = Promise.all([import('fontkit'), readFile(file)]).then(([fontkit, data]) => fontkit.create(data) as Font)
    opened.set(file, font)
    font.catch(() => opened.delete(file))
  }
  return font
}
