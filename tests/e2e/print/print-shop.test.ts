import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { checkPdfx } from '../../../scripts/print/pdfx/check-pdfx.ts'
import { runCli } from '../../helpers/build-cli.ts'

// A short A6 book built for a print shop: 3 mm bleed, crop marks and registration crosses.
const temp = mkdtempSync(path.join(tmpdir(), 'samizdat-shop-'))
after(() => rmSync(temp, { recursive: true, force: true }))
const dir = path.join(temp, 'shop')
const out = path.join(dir, 'dist')
const mm = 72 / 25.4

/** `pdfinfo -box` for every page: each page's boxes as [x1, y1, x2, y2] in points. */
function boxes(file: string): Record<string, number[]>[] {
  const info = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', '9999', file], { encoding: 'utf8' })
  const pages: Record<string, number[]>[] = []
  for (const match of info.matchAll(/^Page\s+(\d+) (MediaBox|CropBox|BleedBox|TrimBox):\s+(.+)$/gm)) {
    const page = Number(match[1]) - 1
    pages[page] ??= {}
    pages[page]![match[2]!] = match[3]!.trim().split(/\s+/).map(Number)
  }
  return pages
}

describe('print-shop PDFs', () => {
  before(async () => {
    mkdirSync(dir)
    writeFileSync(path.join(dir, 'book.yaml'), 'title: "Shop Copy"\npageSize: A6\nbleed: 3mm\nmarks: crop cross\n')
    writeFileSync(path.join(dir, '01.md'), `# One\n\n${'Mutual aid is a factor of evolution. '.repeat(40)}\n`)
    const built = await runCli(['build', dir, '--format', 'pdf,booklet,cover'], { cwd: temp, timeoutMs: 300_000 })
    assert.equal(built.code, 0, built.stderr)
  })

  test('every page of book.pdf has a TrimBox (A6) inside a BleedBox 3 mm larger, inside a slug with the marks', () => {
    const pages = boxes(path.join(out, 'book.pdf'))
    assert.ok(pages.length >= 4)
    for (const [index, page] of pages.entries()) {
      const [tx1, ty1, tx2, ty2] = page['TrimBox']!
      const [bx1, by1, bx2, by2] = page['BleedBox']!
      const [mx1, , , my2] = page['MediaBox']!
      assert.ok(Math.abs(tx2! - tx1! - 105 * mm) < 1.5 && Math.abs(ty2! - ty1! - 148 * mm) < 1.5, `page ${index + 1} trim ${page['TrimBox']}`)
      for (const [trim, bleed] of [[tx1, bx1], [ty1, by1], [bx2, tx2], [by2, ty2]] as const) assert.ok(Math.abs(trim! - bleed! - 3 * mm) < 0.1, `page ${index + 1} bleed`)
      // The marks sit in a slug outside the bleed.
      assert.ok(bx1! - mx1! > 8 * mm && my2! - by2! > 8 * mm, `page ${index + 1} slug`)
    }
  })

  test('the crop marks are drawn in the slug, outside the bleed', () => {
    // Rendered at 72 dpi from the media box: the left slug (10 mm) has the marks' dark pixels.
    const pgm = execFileSync('pdftoppm', ['-f', '3', '-l', '3', '-r', '72', '-gray', path.join(out, 'book.pdf')])
    const [, width, height] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 32).toString('latin1'))!.map(Number) as [number, number, number]
    const offset = pgm.length - width * height
    const slugPx = Math.floor(10 * mm) - 1
    let dark = 0
    for (let y = 0; y < height; y++) for (let x = 0; x < slugPx; x++) if (pgm[offset + y * width + x]! < 128) dark++
    assert.ok(dark > 10, `${dark} dark pixels in the left slug`)
  })

  test('the booklet is imposed from the trim on A4; the cover spread has its boxes too', () => {
    const info = execFileSync('pdfinfo', [path.join(out, 'book-booklet.pdf')], { encoding: 'utf8' })
    assert.match(info, /Page size:\s+841\.\d+ x 595\.\d+ pts/)
    const cover = boxes(path.join(out, 'book-cover.pdf'))[0]!
    assert.ok(cover['TrimBox'] && cover['BleedBox'])
  })

  test('--pdfx: book.pdf becomes PDF/X-1a:2001 through Ghostscript, with an output intent, every font embedded, the boxes kept', async () => {
    const pdfx = path.join(temp, 'pdfx')
    const built = await runCli(['build', dir, '--format', 'pdf', '--pdfx', '--out', pdfx], { cwd: temp, timeoutMs: 300_000 })
    assert.equal(built.code, 0, built.stderr)
    const file = path.join(pdfx, 'book.pdf')
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
    assert.match(info, /PDF subtype:\s+PDF\/X-1a:2001/)
    assert.match(info, /PDF version:\s+1\.3/)
    assert.deepEqual(await checkPdfx(new Uint8Array(readFileSync(file)), 'x-1a'), [])
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2)
    assert.ok(fonts.length > 0 && fonts.every((line) => / yes /.test(line)), fonts.join('\n'))
    for (const page of boxes(file)) assert.ok(page['TrimBox'] && page['BleedBox'])
    // The check can fail: the print edition before conversion is no PDF/X.
    assert.ok((await checkPdfx(new Uint8Array(readFileSync(path.join(out, 'book.pdf'))), 'x-1a')).length > 0)
  })

  test('--pdfx without Ghostscript stops at once, naming the package to install', async () => {
    const run = await runCli(['build', dir, '--format', 'pdf', '--pdfx', 'x-3', '--out', path.join(temp, 'no-gs')], { cwd: temp, env: { SAMIZDAT_GHOSTSCRIPT: path.join(temp, 'no-such-gs') } })
    assert.equal(run.code, 1)
    assert.match(run.stderr, /PDF\/X needs Ghostscript, which is not installed: install the `ghostscript` package.*pdfx-no-ghostscript/)
  })
})
