import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import { VFile } from 'vfile'
import { defaultOutput, imposeCommand } from '../../../scripts/commands/impose.ts'
import { BuildError } from '../../../scripts/diagnostics/fail.ts'
import { type BookletOptions, pdfToBooklet } from '../../../scripts/impose/pdf-to-booklet.ts'
import { pdfToZine } from '../../../scripts/impose/pdf-to-zine.ts'
import { numberedPdf } from '../../helpers/numbered-pdf.ts'

// Imposed PDFs are written to disk and read back with poppler and mupdf, the
// way a user's viewer and printer driver would see them.
const dir = mkdtempSync(path.join(tmpdir(), 'samizdat-impose-'))
const a4 = { width: 841.89, height: 595.28 }
let counter = 0

function save(pdf: Uint8Array, name = `out-${++counter}.pdf`): string {
  const file = path.join(dir, name)
  writeFileSync(file, pdf)
  return file
}

async function booklet(pages: number, options: Omit<BookletOptions, 'file'> = {}) {
  const file = new VFile({ path: 'numbered.pdf' })
  const { pdf, report } = await pdfToBooklet(await numberedPdf(pages, { title: 'Numbered' }), { file, ...options })
  return { path: save(pdf), pdf, report, file }
}

/** Page numbers printed inside a region of one side (pdftotext crops in points, from the top left). */
function numbersIn(pdf: string, side: number, region: { x: number; y: number; width: number; height: number }): number[] {
  const crop = ['-x', region.x, '-y', region.y, '-W', region.width, '-H', region.height].map(String)
  const text = execFileSync('pdftotext', ['-f', String(side), '-l', String(side), '-layout', ...crop, pdf, '-'], { encoding: 'utf8' })
  return [...text.matchAll(/Page (\d+)/g)].map((match) => Number(match[1]))
}

/** [left, right] page number on each side ('-' = blank), read from the PDF. */
function sides(pdf: string, count: number, sheet = a4): (number | '-')[][] {
  const half = sheet.width / 2
  return Array.from({ length: count }, (_, index) =>
    [0, half].map((x) => {
      const found = numbersIn(pdf, index + 1, { x: Math.round(x), y: 0, width: Math.floor(half), height: Math.ceil(sheet.height) })
      assert.ok(found.length <= 1, `side ${index + 1} half at ${x} shows ${found.join(', ')}`)
      return found[0] ?? '-'
    }),
  )
}

function pdfinfo(pdf: string): { pages: number; size: string; title: string; producer: string } {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
  const field = (name: string) => new RegExp(`^${name}:\\s+(.*)$`, 'm').exec(info)?.[1] ?? ''
  return { pages: Number(field('Pages')), size: field('Page size'), title: field('Title'), producer: field('Producer') }
}

/** x of each "Page" word on a side, from pdftotext's bounding boxes. */
function wordLefts(pdf: string, side: number): number[] {
  const html = execFileSync('pdftotext', ['-f', String(side), '-l', String(side), '-bbox', pdf, '-'], { encoding: 'utf8' })
  return [...html.matchAll(/<word xMin="([\d.]+)"[^>]*>Page<\/word>/g)].map((match) => Number(match[1]))
}

describe('booklet imposition, read back with poppler', () => {
  it('imposes 1 page on one sheet: the page on the front cover', async () => {
    const { path: pdf, report } = await booklet(1)
    assert.deepEqual(sides(pdf, 2), [
      ['-', 1],
      ['-', '-'],
    ])
    assert.equal(report.sides, 2)
  })

  it('imposes 4 pages: 4|1 then 2|3', async () => {
    const { path: pdf } = await booklet(4)
    assert.deepEqual(sides(pdf, 2), [
      [4, 1],
      [2, 3],
    ])
  })

  it('imposes 5 pages with blanks at the end, or before the last page with keepLastPage', async () => {
    assert.deepEqual(sides((await booklet(5)).path, 4), [
      ['-', 1],
      [2, '-'],
      ['-', 3],
      [4, 5],
    ])
    assert.deepEqual(sides((await booklet(5, { keepLastPage: true })).path, 4), [
      [5, 1],
      [2, '-'],
      ['-', 3],
      [4, '-'],
    ])
  })

  it('imposes 8 pages on two sheets', async () => {
    assert.deepEqual(sides((await booklet(8)).path, 4), [
      [8, 1],
      [2, 7],
      [6, 3],
      [4, 5],
    ])
  })

  it('imposes 13 A5 pages on 8 A4 landscape sides, ceil(13 / 4) × 2', async () => {
    const { path: pdf, report, file } = await booklet(13)
    const info = pdfinfo(pdf)
    assert.equal(info.pages, 8)
    assert.match(info.size, /^841\.89 x 595\.276 pts \(A4\)/)
    assert.deepEqual(sides(pdf, 8), [
      ['-', 1],
      [2, '-'],
      ['-', 3],
      [4, 13],
      [12, 5],
      [6, 11],
      [10, 7],
      [8, 9],
    ])
    assert.equal(report.sheet.name, 'A4')
    assert.equal(report.sheets, 4)
    assert.equal(report.blanks, 3)
    assert.equal(report.scale, 1)
    assert.deepEqual(file.messages, [])
    assert.match(report.instructions.join('\n'), /8 sides on 4 sheets of A4 landscape paper: double-sided, "flip on short edge"/)
  })

  it('imposes 64 pages on 32 sides without a thickness warning; 68 pages warn', async () => {
    const { path: pdf, file } = await booklet(64)
    assert.equal(pdfinfo(pdf).pages, 32)
    const read = sides(pdf, 32)
    assert.deepEqual(read.slice(0, 2), [
      [64, 1],
      [2, 63],
    ])
    assert.deepEqual(read.slice(-2), [
      [34, 31],
      [32, 33],
    ])
    assert.deepEqual(file.messages, [])
    const thick = await booklet(68)
    assert.deepEqual(
      thick.file.messages.map((message) => message.ruleId),
      ['impose-thick-booklet'],
    )
    assert.match(String(thick.file.messages[0]?.reason), /--signature 8/)
  })

  it('splits into signatures, each folded on its own', async () => {
    const { path: pdf, report } = await booklet(13, { signatureSheets: 2 })
    assert.deepEqual(sides(pdf, 8), [
      [8, 1],
      [2, 7],
      [6, 3],
      [4, 5],
      ['-', 9],
      [10, '-'],
      ['-', 11],
      [12, 13],
    ])
    assert.equal(report.signatures, 2)
    assert.match(report.instructions.join('\n'), /2 signatures \(1: sheets 1–2; 2: sheets 3–4\)/)
  })

  it('shifts inner sheets toward the fold by creep × depth', async () => {
    const plain = await booklet(16)
    const creep = await booklet(16, { creepMm: 1 })
    const mm = 72 / 25.4
    // Side 7 is the front of the innermost sheet (depth 3): pages 10 | 7.
    const [plainLeft, plainRight] = wordLefts(plain.path, 7)
    const [creepLeft, creepRight] = wordLefts(creep.path, 7)
    assert.ok(Math.abs(creepLeft! - plainLeft! - 3 * mm) < 0.5, `left page moves right by 3 mm: ${plainLeft} → ${creepLeft}`)
    assert.ok(Math.abs(plainRight! - creepRight! - 3 * mm) < 0.5, `right page moves left by 3 mm: ${plainRight} → ${creepRight}`)
    // The outermost sheet does not move.
    assert.deepEqual(wordLefts(creep.path, 1), wordLefts(plain.path, 1))
  })

  it('keeps pages vector: Helvetica text, no images', async () => {
    const { path: pdf } = await booklet(8)
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' })
    assert.match(fonts, /Helvetica\s+Type 1/)
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n')
    assert.equal(images.length, 2, 'only the header lines of pdfimages -list')
    const all = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })
    for (let number = 1; number <= 8; number++) assert.match(all, new RegExp(`Page ${number}\\b`))
  })

  it('keeps the title, names samizdat as producer, and is byte-identical run to run', async () => {
    const source = await numberedPdf(6, { title: 'Stable', creationDate: new Date('2024-05-01T12:00:00Z') })
    const first = await pdfToBooklet(source, { file: new VFile({ path: 'a.pdf' }), creepMm: 0.2, marks: true, sheet: 'A3' })
    const second = await pdfToBooklet(source, { file: new VFile({ path: 'a.pdf' }), creepMm: 0.2, marks: true, sheet: 'A3' })
    assert.ok(Buffer.from(first.pdf).equals(Buffer.from(second.pdf)))
    const info = pdfinfo(save(first.pdf))
    assert.equal(info.title, 'Stable')
    assert.equal(info.producer, 'samizdat')
  })

  it('draws trim marks when the sheet has room, and warns when it has none', async () => {
    const roomy = await booklet(4, { sheet: 'A3', marks: true })
    assert.deepEqual(roomy.file.messages, [])
    assert.match(roomy.report.instructions.join('\n'), /trim the head, foot and fore-edge along the trim marks/)
    const tight = await booklet(4, { marks: true })
    assert.deepEqual(
      tight.file.messages.map((message) => message.ruleId),
      ['impose-no-room-for-marks'],
    )
  })

  it('puts A6 pages on A4 (never A5 or US Letter for a book in millimetres), with trim marks since the instructions say trim', async () => {
    const file = new VFile({ path: 'a6.pdf' })
    const { pdf, report } = await pdfToBooklet(await numberedPdf(8, { size: [297.64, 419.53] }), { file })
    assert.equal(report.sheet.name, 'A4')
    assert.match(report.instructions.join('\n'), /trim the head, foot and fore-edge along the trim marks/)
    assert.deepEqual(file.messages, [])
    // The marks are hairlines outside the two pages: strokes on the side (the numbered pages have none of their own).
    const trace = execFileSync('mutool', ['draw', '-F', 'trace', '-o', '-', save(pdf), '1'], { encoding: 'utf8' })
    assert.ok((trace.match(/<stroke_path/g) ?? []).length >= 8, trace.slice(0, 400))
  })

  it('scales pages down when the sheet is too small, and says so', async () => {
    const { path: pdf, report } = await booklet(4, { sheet: 'A5' })
    assert.match(pdfinfo(pdf).size, /^595\.276 x 419\.528 pts/)
    assert.ok(report.scale < 0.71 && report.scale > 0.7)
    assert.match(report.instructions.join('\n'), /scaled to 70% to fit two on one A5 sheet/)
  })

  it('opens and renders in mupdf', async () => {
    const { path: pdf } = await booklet(13, { marks: true, creepMm: 0.1 })
    const info = spawnSync('mutool', ['info', pdf], { encoding: 'utf8' })
    assert.equal(info.status, 0, info.stderr)
    assert.match(info.stdout, /Pages: 8/)
    const draw = spawnSync('mutool', ['draw', '-q', '-r', '20', '-o', path.join(dir, 'draw-%d.png'), pdf], { encoding: 'utf8' })
    assert.equal(draw.status, 0, draw.stderr)
    // mupdf built without ICC says so on every run; anything else is a problem with the file.
    assert.doesNotMatch(draw.stderr, /error|warning: (?!ICC support)/i)
  })
})

describe('zine8 imposition', () => {
  const cellWidth = a4.width / 4
  const cellHeight = a4.height / 2
  // pdftotext measures y from the top: the top row is y 0–297.6, the bottom row below it.
  const cell = (column: number, row: 'top' | 'bottom') => ({
    x: Math.round(column * cellWidth),
    y: row === 'top' ? 0 : Math.round(cellHeight),
    width: Math.floor(cellWidth),
    height: Math.floor(cellHeight),
  })

  it('puts 5 4 3 2 upside down on top and 6 7 8 1 below, on one A4 side', async () => {
    const file = new VFile({ path: 'eight.pdf' })
    const { pdf, report } = await pdfToZine(await numberedPdf(8), { file, marks: true })
    const out = save(pdf, 'zine.pdf')
    assert.equal(pdfinfo(out).pages, 1)
    assert.match(pdfinfo(out).size, /^841\.89 x 595\.276 pts \(A4\)/)
    const grid = (['top', 'bottom'] as const).map((row) => [0, 1, 2, 3].map((column) => numbersIn(out, 1, cell(column, row))))
    assert.deepEqual(grid, [
      [[5], [4], [3], [2]],
      [[6], [7], [8], [1]],
    ])
    // "Page N" sits near the top of each source page: upright panels show it
    // high in the panel, upside-down panels low (near the sheet's middle).
    const html = execFileSync('pdftotext', ['-bbox', out, '-'], { encoding: 'utf8' })
    const tops = [...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>Page<\/word>/g)].map((match) => Number(match[1]))
    assert.equal(tops.length, 8)
    assert.equal(tops.filter((y) => y > cellHeight * 0.75 && y < cellHeight).length, 4, `upside-down rows: ${tops}`)
    assert.equal(tops.filter((y) => y > cellHeight && y < cellHeight * 1.25).length, 4, `upright rows: ${tops}`)
    assert.ok(Math.abs(report.scale - 0.5) < 0.001, 'A5 pages at half size in A4 panels')
    assert.deepEqual(file.messages, [])
    assert.match(report.instructions.join('\n'), /cut along the dashed line/)
  })

  it('leaves panels blank for short pieces, and warns past eight pages', async () => {
    const short = await pdfToZine(await numberedPdf(5), { file: new VFile({ path: 'five.pdf' }) })
    assert.equal(short.report.blanks, 3)
    const file = new VFile({ path: 'long.pdf' })
    const long = await pdfToZine(await numberedPdf(13), { file })
    assert.equal(long.report.blanks, 0)
    assert.deepEqual(
      file.messages.map((message) => message.ruleId),
      ['impose-zine-too-long'],
    )
    assert.match(String(file.messages[0]?.reason), /13 pages.*--layout booklet/)
  })

  it('chooses letter for US pages and draws upright pages whatever their /Rotate', async () => {
    const rotated = await numberedPdf(8, { size: [792, 612], rotate: 90 })
    const { pdf, report } = await pdfToZine(rotated, { file: new VFile({ path: 'rotated.pdf' }) })
    assert.equal(report.sheet.name, 'letter')
    const out = save(pdf)
    const letter = { width: 792, height: 612 }
    const front = numbersIn(out, 1, { x: Math.round((3 * letter.width) / 4), y: letter.height / 2, width: letter.width / 4, height: letter.height / 2 })
    assert.deepEqual(front, [1])
  })

  it('opens and renders in mupdf', async () => {
    const { pdf } = await pdfToZine(await numberedPdf(8), { file: new VFile({ path: 'eight.pdf' }), marks: true })
    const out = save(pdf)
    assert.equal(spawnSync('mutool', ['info', out]).status, 0)
    const draw = spawnSync('mutool', ['draw', '-q', '-r', '20', '-o', path.join(dir, 'zine-%d.png'), out], { encoding: 'utf8' })
    assert.equal(draw.status, 0, draw.stderr)
  })
})

describe('samizdat impose', () => {
  it('writes NAME-booklet.pdf next to the input and reports how to print it', async () => {
    const input = save(await numberedPdf(8, { title: 'Command' }), 'command.pdf')
    const report = await imposeCommand({ input, layout: 'booklet' })
    assert.equal(report.output, path.join(dir, 'command-booklet.pdf'))
    assert.equal(pdfinfo(report.output).pages, 4)
    const again = await imposeCommand({ input, layout: 'booklet', out: path.join(dir, 'again.pdf') })
    assert.ok(readFileSync(report.output).equals(readFileSync(again.output)), 'byte-identical files')
    assert.equal(defaultOutput('dist/book.pdf', 'zine8'), path.join('dist', 'book-zine.pdf'))
  })

  it('makes a zine from the command', async () => {
    const input = save(await numberedPdf(6), 'short.pdf')
    const report = await imposeCommand({ input, layout: 'zine8', sheet: 'letter', keepLastPage: true, creepMm: 0.1 })
    assert.equal(report.output, path.join(dir, 'short-zine.pdf'))
    assert.deepEqual(
      report.file.messages.map((message) => message.ruleId),
      ['impose-option-ignored'],
    )
    assert.equal(report.sheet.name, 'letter')
    // With keepLastPage, page 6 is the back cover: bottom row, third panel.
    assert.deepEqual(numbersIn(report.output, 1, { x: 396, y: 306, width: 198, height: 306 }), [6])
  })

  async function rejects(run: () => Promise<unknown>, ruleId: string, mention: RegExp) {
    await assert.rejects(run, (error: unknown) => {
      assert.ok(error instanceof BuildError)
      const message = error.files[0]?.messages[0]
      assert.equal(message?.ruleId, ruleId)
      assert.equal(message?.fatal, true)
      assert.match(String(message?.reason), mention)
      return true
    })
  }

  it('explains inputs it cannot use: missing, not a PDF, encrypted, damaged, overwriting itself', async () => {
    await rejects(() => imposeCommand({ input: path.join(dir, 'nope.pdf'), layout: 'booklet' }), 'impose-missing-input', /Cannot find .*nope\.pdf/)
    const text = path.join(dir, 'notes.pdf')
    writeFileSync(text, 'just some notes\n')
    await rejects(() => imposeCommand({ input: text, layout: 'booklet' }), 'impose-not-pdf', /notes\.pdf is not a PDF/)
    const plain = save(await numberedPdf(4), 'plain.pdf')
    const locked = path.join(dir, 'locked.pdf')
    execFileSync('mutool', ['clean', '-E', 'aes-256', '-O', 'owner', '-U', 'user', plain, locked])
    await rejects(() => imposeCommand({ input: locked, layout: 'zine8' }), 'impose-encrypted', /locked\.pdf is encrypted/)
    const broken = path.join(dir, 'broken.pdf')
    writeFileSync(broken, '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n')
    await rejects(() => imposeCommand({ input: broken, layout: 'booklet' }), 'impose-unreadable', /broken\.pdf could not be read/)
    await rejects(() => imposeCommand({ input: plain, layout: 'booklet', out: plain }), 'impose-overwrite-input', /replace the input/)
  })

  it('leaves the previous output intact when imposing fails', async () => {
    const out = path.join(dir, 'kept.pdf')
    writeFileSync(out, 'previous')
    const text = path.join(dir, 'text.pdf')
    writeFileSync(text, 'not a pdf')
    await assert.rejects(imposeCommand({ input: text, layout: 'booklet', out }))
    assert.equal(readFileSync(out, 'utf8'), 'previous')
  })
})
