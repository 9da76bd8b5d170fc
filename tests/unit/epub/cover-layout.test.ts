// The EPUB cover drawn without a browser: its text layout (title size by
// length, wrapping within the margins, small caps, Greek capitals) and the
// PNG's determinism (same book, same bytes).
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { capitals, titleSize } from '../../../scripts/epub/cover-layout.ts'
import { coverSize, coverSvg, renderCover } from '../../../scripts/epub/render-cover.ts'
import { startBrowsers } from '../../../scripts/print/start-browsers.ts'

const book = { title: 'Were any of the Bolshevik oppositions a real alternative?', subtitle: undefined, authors: ['The Anarchist FAQ Editorial Collective'], editors: [], publisher: 'samizdat', typeface: 'Literata' }

// Baselines (the `translate` of each glyph's matrix) of an SVG, in order of first appearance.
function glyphs(svg: string): { x: number; y: number; scale: number }[] {
  return [...svg.matchAll(/matrix\(([\d.]+) 0 0 -[\d.]+ ([\d.]+) ([\d.]+)\)/g)].map((m) => ({ scale: Number(m[1]), x: Number(m[2]), y: Number(m[3]) }))
}

describe('cover layout', () => {
  test('the title gets smaller as it gets longer', () => {
    assert.deepEqual(['Short', 'x'.repeat(30), 'x'.repeat(60), 'x'.repeat(100)].map(titleSize), [190, 160, 132, 104])
  })

  test('a long title wraps within the margins, on lines 1.12 em apart, above the author and publisher', async () => {
    const svg = await coverSvg({ ...book, title: 'A Very Long Title About the Many Small Things That Happen When Nobody Is Watching the Presses at Night' })
    const placed = glyphs(svg)
    const lines = [...new Set(placed.map((g) => g.y))]
    assert.ok(lines.length >= 5, `${lines.length} lines`)
    // The title's lines (104 px): 116.48 px apart.
    assert.ok(Math.abs((lines[1] ?? 0) - (lines[0] ?? 0) - 104 * 1.12) < 0.01)
    for (const glyph of placed) assert.ok(glyph.x >= 170 && glyph.x < coverSize.width - 170, `glyph at x ${glyph.x}`)
    assert.ok(Math.max(...lines) < coverSize.height - 200)
  })

  test('a word wider than the page is broken', async () => {
    const placed = glyphs(await coverSvg({ ...book, title: 'W'.repeat(40), authors: [], publisher: undefined }))
    assert.ok(new Set(placed.map((g) => g.y)).size > 1)
    for (const glyph of placed) assert.ok(glyph.x < coverSize.width - 170)
  })

  test('authors in small caps: lower case as capitals at 70%', async () => {
    const placed = glyphs(await coverSvg({ ...book, title: 'T', authors: ['Ab'], publisher: undefined }))
    const scales = placed.slice(1).map((g) => g.scale)
    assert.equal(scales.length, 2)
    assert.ok(Math.abs((scales[1] ?? 0) / (scales[0] ?? 1) - 0.7) < 0.01)
  })

  test('Greek capitals drop their accents, as a browser sets them', () => {
    assert.equal(capitals('Πλάτων'), 'ΠΛΑΤΩΝ')
    assert.equal(capitals('Zoë'), 'ZOË')
  })
})

describe('cover rendering', () => {
  const cache = mkdtempSync(path.join(tmpdir(), 'samizdat-cover-'))
  const saved = process.env.SAMIZDAT_CACHE
  after(() => {
    if (saved === undefined) delete process.env.SAMIZDAT_CACHE
    else process.env.SAMIZDAT_CACHE = saved
    rmSync(cache, { recursive: true, force: true })
  })

  test('is a 1600×2560 PNG, the same bytes every time (uncached)', async () => {
    process.env.SAMIZDAT_CACHE = path.join(cache, 'a')
    const first = await renderCover({ ...book, subtitle: 'Ἡ Πολιτεία, Хлеб и воля, ⇶' } as never)
    process.env.SAMIZDAT_CACHE = path.join(cache, 'b')
    const second = await renderCover({ ...book, subtitle: 'Ἡ Πολιτεία, Хлеб и воля, ⇶' } as never)
    assert.deepEqual(first, second)
    const view = new DataView(first.buffer, first.byteOffset)
    assert.deepEqual([view.getUint32(16), view.getUint32(20)], [coverSize.width, coverSize.height])
  })
})

test('an EPUB-only build starts no browser, even for a cover not yet rendered', async () => {
  assert.equal(await startBrowsers({ formats: new Set(['epub', 'html']) }), undefined)
})
