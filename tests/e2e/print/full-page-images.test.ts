import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { runCli } from '../../helpers/build-cli.ts'

const seagull = path.join(import.meta.dirname, '..', '..', 'fixtures', 'read', 'stages', 'figures-and-captions', 'seagull.png')
const temp = mkdtempSync(path.join(tmpdir(), 'samizdat-images-'))
after(() => rmSync(temp, { recursive: true, force: true }))
const mm = 72 / 25.4

describe('full-page and full-bleed images', () => {
  test('{.full-page} takes a page of its own at the text width; {.full-bleed} fills its page to the bleed, with no head', async () => {
    const dir = path.join(temp, 'images')
    mkdirSync(dir)
    copyFileSync(seagull, path.join(dir, 'seagull.png'))
    writeFileSync(path.join(dir, 'book.yaml'), 'title: Images\nbleed: 3mm\n')
    writeFileSync(path.join(dir, '01.md'), '# One\n\nBefore.\n\n![A seagull](seagull.png){.full-page}\n\nBetween.\n\n![A bleeding seagull](seagull.png){.full-bleed}\n\nAfter.\n')
    const built = await runCli(['build', dir, '--format', 'pdf'], { cwd: temp, timeoutMs: 300_000 })
    assert.equal(built.code, 0, built.stderr)
    const file = path.join(dir, 'dist', 'book.pdf')
    // Each page's drawn images, as mutool traces them: the transform is [width 0 0 height x y] in points.
    const trace = execFileSync('mutool', ['draw', '-F', 'trace', '-o', '-', file], { encoding: 'utf8' })
    const pages = trace.split('<page ').slice(1)
    const images = pages.flatMap((page, index) =>
      [...page.matchAll(/<fill_image [^>]*transform="([^"]+)"/g)].map((match) => ({ page: index + 1, box: match[1]!.split(' ').map(Number) })),
    )
    assert.equal(images.length, 2)
    const [full, bleed] = images as [{ page: number; box: number[] }, { page: number; box: number[] }]
    const text = (page: number) => execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' })
    // A5 text width: 148 − 20 − 15 mm.
    assert.ok(Math.abs(full.box[0]! - 113 * mm) < 2, `full-page width ${full.box[0]}`)
    assert.doesNotMatch(text(full.page), /Before|Between/)
    assert.match(text(full.page), /A seagull/)
    // A5 plus 3 mm bleed each side: the image covers the whole page, bleed included.
    const [width, , , height, x, y] = bleed.box as [number, number, number, number, number, number]
    assert.ok(x <= 0.5 && y <= 0.5 && x + width >= 154 * mm - 0.5 && y + height >= 216 * mm - 0.5, `full-bleed ${bleed.box}`)
    assert.equal(text(bleed.page).trim(), 'A bleeding seagull')
    assert.match(text(bleed.page + 1), /After/)
  })
})
