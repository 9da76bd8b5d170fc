import type { Font, Glyph } from 'fontkit'

/** Cover size in pixels: the 1:1.6 portrait shape EPUB stores ask for. */
export const coverSize = { width: 1600, height: 2560 } as const

/** The cover's text, as book.yaml gives it. */
export interface CoverText {
  readonly title: string
  readonly subtitle?: string | undefined
  /** Authors, then editors. */
  readonly people: readonly string[]
  readonly publisher?: string | undefined
}

/** One cut of the book face (weight and style), as the unicode subsets fontsource splits it into. */
export interface CoverCut {
  /** Each subset's font, with the code points its unicode-range gives it. */
  readonly subsets: readonly { readonly font: Font; readonly covers: (codePoint: number) => boolean }[]
}

/** The cuts the cover sets its text in. */
export interface CoverFonts {
  readonly bold: CoverCut
  readonly regular: CoverCut
  readonly italic: CoverCut
}

/** A glyph placed on the cover: its outline's font and id, baseline origin and size in pixels. */
export interface PlacedGlyph {
  readonly font: Font
  readonly glyph: Glyph
  readonly x: number
  readonly y: number
  readonly size: number
  readonly color: string
}

/** What the cover shows: the red rule and every glyph. */
export interface CoverLayout {
  readonly rule: { readonly x: number; readonly y: number; readonly width: number; readonly height: number }
  readonly glyphs: readonly PlacedGlyph[]
  /** Font size of the title: smaller for longer titles. */
  readonly titleSize: number
  /** The title's lines, as wrapped. */
  readonly titleLines: readonly string[]
}

export const colors = { background: '#f4efe3', text: '#1d1b18', accent: '#8a1c1c' } as const
const padding = { top: 220, right: 170, bottom: 200, left: 170 } as const
const contentWidth = coverSize.width - padding.left - padding.right

/** Title size by length, so that a long title fits in at most about six lines. */
export function titleSize(title: string): number {
  return title.length <= 20 ? 190 : title.length <= 40 ? 160 : title.length <= 70 ? 132 : 104
}

// A stretch of text set in one font at one size (small caps are capitals at a smaller size).
interface Piece {
  readonly text: string
  readonly size: number
}

// One glyph with its advance, before lines are placed.
interface Shaped {
  readonly font: Font
  readonly glyph: Glyph
  readonly advance: number
  readonly size: number
  readonly space: boolean
}

/**
 * Lay the cover out as the old CSS page did: a rule at the top, the title
 * (bold, wrapped at spaces, a too-long word broken), an italic subtitle, and
 * at the foot the authors in small caps and the publisher in red capitals.
 * The face's own metrics place each line, so no browser is needed.
 */
export function layoutCover(text: CoverText, fonts: CoverFonts): CoverLayout {
  const glyphs: PlacedGlyph[] = []
  const rule = { x: padding.left, y: padding.top, width: 420, height: 14 }
  let y = rule.y + rule.height + 120
  const size = titleSize(text.title)
  const titleLines = wrap(shape(fonts.bold, [{ text: text.title, size }], 0), contentWidth)
  y = place(glyphs, titleLines, fonts.bold, size, size * 1.12, y, colors.text)
  if (text.subtitle) y = place(glyphs, wrap(shape(fonts.italic, [{ text: text.subtitle, size: 76 }], 0), contentWidth), fonts.italic, 76, 76 * 1.25, y + 70, colors.text)

  // The foot is set from the bottom up, but never above the end of the title block.
  const people = text.people.length > 0 ? wrap(shape(fonts.regular, smallCaps(text.people.join(', '), 70), 70 * 0.04), contentWidth) : []
  const publisher = text.publisher ? wrap(shape(fonts.regular, [{ text: capitals(text.publisher), size: 46 }], 46 * 0.12), contentWidth) : []
  const publisherLine = normalLineHeight(fonts.regular, 46)
  const footHeight = people.length * 70 * 1.3 + (publisher.length > 0 ? publisher.length * publisherLine + (people.length > 0 ? 60 : 0) : 0)
  let foot = Math.max(y, coverSize.height - padding.bottom - footHeight)
  foot = place(glyphs, people, fonts.regular, 70, 70 * 1.3, foot, colors.text)
  place(glyphs, publisher, fonts.regular, 46, publisherLine, foot + (people.length > 0 ? 60 : 0), colors.accent)
  return { rule, glyphs, titleSize: size, titleLines: titleLines.map((line) => line.map((g) => (g.space ? ' ' : String.fromCodePoint(...g.glyph.codePoints))).join('')) }
}

// Synthesised small caps, as a browser makes them for a face without `smcp`: lower case as capitals at 70%.
function smallCaps(text: string, size: number): Piece[] {
  const pieces: Piece[] = []
  for (const character of text) {
    const upper = capitals(character)
    const lower = upper !== character
    const piece = { text: upper, size: lower ? size * 0.7 : size }
    const last = pieces.at(-1)
    if (last && last.size === piece.size) pieces[pieces.length - 1] = { text: last.text + piece.text, size: piece.size }
    else pieces.push(piece)
  }
  return pieces
}

/** Capitals as a browser sets them: Greek drops its accents in capitals (Πλάτων, ΠΛΑΤΩΝ). */
export function capitals(text: string): string {
  return text
    .toUpperCase()
    .normalize('NFD')
    .replace(/(\p{Script=Greek})[\u0300\u0301\u0342\u0344]+/gu, '$1')
    .normalize('NFC')
}

// Shape each piece run by run (a run is the text one subset font covers), with kerning and ligatures.
function shape(cut: CoverCut, pieces: readonly Piece[], letterSpacing: number): Shaped[] {
  const shaped: Shaped[] = []
  for (const piece of pieces) {
    let run = ''
    let runFont: Font | undefined
    const flush = () => {
      if (!runFont || run === '') return
      const font = runFont
      const scale = piece.size / font.unitsPerEm
      const { glyphs, positions } = font.layout(run)
      glyphs.forEach((glyph, index) => {
        const space = glyph.codePoints.every((codePoint) => /\s/u.test(String.fromCodePoint(codePoint)))
        shaped.push({ font, glyph, advance: (positions[index]?.xAdvance ?? glyph.advanceWidth) * scale + letterSpacing, size: piece.size, space })
      })
      run = ''
    }
    for (const character of piece.text) {
      const font = fontFor(cut, character.codePointAt(0)!)
      if (font !== runFont) flush()
      runFont = font
      run += character
    }
    flush()
  }
  return shaped
}

// The subset whose range covers the character, or any that has it; a character none has shows the face's missing-glyph box.
function fontFor(cut: CoverCut, codePoint: number): Font {
  const first = cut.subsets[0]
  if (!first) throw new Error('The book face has no font for the cover')
  const covering = cut.subsets.find((subset) => subset.covers(codePoint) && subset.font.hasGlyphForCodePoint(codePoint))
  return (covering ?? cut.subsets.find((subset) => subset.font.hasGlyphForCodePoint(codePoint)) ?? first).font
}

/** Break shaped text into lines no wider than `width`: at spaces, and inside a word only when it alone is too wide. */
function wrap(shaped: readonly Shaped[], width: number): Shaped[][] {
  const lines: Shaped[][] = []
  let line: Shaped[] = []
  let lineWidth = 0
  let index = 0
  while (index < shaped.length) {
    // The next word and the spaces after it.
    let end = index
    while (end < shaped.length && !shaped[end]!.space) end++
    const word = shaped.slice(index, end)
    let spaces = end
    while (spaces < shaped.length && shaped[spaces]!.space) spaces++
    const wordWidth = sum(word)
    if (line.length > 0 && lineWidth + wordWidth > width) {
      lines.push(trimEnd(line))
      line = []
      lineWidth = 0
    }
    if (wordWidth > width) {
      // overflow-wrap: break-word — as many glyphs as fit on each line.
      for (const glyph of word) {
        if (line.length > 0 && lineWidth + glyph.advance > width) {
          lines.push(line)
          line = []
          lineWidth = 0
        }
        line.push(glyph)
        lineWidth += glyph.advance
      }
    } else {
      line.push(...word)
      lineWidth += wordWidth
    }
    const after = shaped.slice(end, spaces)
    line.push(...after)
    lineWidth += sum(after)
    index = spaces
  }
  if (line.length > 0) lines.push(trimEnd(line))
  return lines
}

function sum(glyphs: readonly Shaped[]): number {
  return glyphs.reduce((total, glyph) => total + glyph.advance, 0)
}

function trimEnd(line: Shaped[]): Shaped[] {
  let end = line.length
  while (end > 0 && line[end - 1]!.space) end--
  return line.slice(0, end)
}

// Place lines from `top`, each baseline where CSS puts it (half the leading above the face's ascent); returns the bottom.
function place(out: PlacedGlyph[], lines: readonly Shaped[][], cut: CoverCut, size: number, lineHeight: number, top: number, color: string): number {
  const metrics = cut.subsets[0]?.font
  if (!metrics) return top
  const ascent = (metrics.ascent / metrics.unitsPerEm) * size
  const content = ((metrics.ascent - metrics.descent) / metrics.unitsPerEm) * size
  let y = top
  for (const line of lines) {
    let x = padding.left
    const baseline = y + (lineHeight - content) / 2 + ascent
    for (const glyph of line) {
      if (!glyph.space) out.push({ font: glyph.font, glyph: glyph.glyph, x, y: baseline, size: glyph.size, color })
      x += glyph.advance
    }
    y += lineHeight
  }
  return y
}

function normalLineHeight(cut: CoverCut, size: number): number {
  const font = cut.subsets[0]?.font
  return font ? ((font.ascent - font.descent + font.lineGap) / font.unitsPerEm) * size : size * 1.2
}
