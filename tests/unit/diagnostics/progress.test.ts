import assert from 'node:assert/strict'
import { PassThrough } from 'node:stream'
import { describe, it } from 'node:test'
import { createProgress, formatBytes, formatMs } from '../../../scripts/diagnostics/progress.ts'

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough()
  let text = ''
  stream.on('data', (chunk: Buffer) => (text += chunk))
  return { stream, text: () => text }
}

describe('createProgress', () => {
  it('prints each stage with its time, then outputs with sizes and pages, then totals', () => {
    const { stream, text } = capture()
    const progress = createProgress(stream, { live: false, color: false, cwd: '/b' })
    progress.onEvent({ type: 'stage', stage: 'read', ms: 212.4 })
    progress.onEvent({ type: 'output', file: '/b/dist/book.pdf', bytes: 1_572_864, pages: 64 })
    progress.onEvent({ type: 'output', file: '/b/dist/book.html', bytes: 96_000 })
    progress.onEvent({ type: 'stage', stage: 'pdf', ms: 12_345 })
    progress.summary({ ok: true, errors: 0, warnings: 2, ms: 13_000 })
    assert.equal(
      text(),
      [
        '  ✓ read     212 ms',
        '  ✓ pdf      12.3 s',
        '  dist/book.pdf     1.5 MB  64 pages',
        '  dist/book.html     94 KB',
        'samizdat: built, 2 outputs, 0 errors, 2 warnings, in 13.0 s',
        '',
      ].join('\n'),
    )
  })

  it('redraws one line on a terminal and clears it before other text', () => {
    const { stream, text } = capture()
    const progress = createProgress(Object.assign(stream, { columns: 40 }), { live: true, color: false })
    progress.onEvent({ type: 'progress', stage: 'pdf', message: 'page 1', pages: 1 })
    progress.onEvent({ type: 'progress', stage: 'pdf', message: 'page 2', pages: 2 })
    progress.onEvent({ type: 'stage', stage: 'pdf', ms: 900 })
    assert.equal(text(), '  … pdf      page 1\r\x1b[2K  … pdf      page 2\r\x1b[2K  ✓ pdf      900 ms\n')
  })

  it('prints plain progress lines in CI, at most one per stage per interval', () => {
    const { stream, text } = capture()
    const progress = createProgress(stream, { live: false, color: false, plainEveryMs: 60_000 })
    for (let page = 1; page <= 50; page++) progress.onEvent({ type: 'progress', stage: 'pdf', message: `page ${page}`, pages: page })
    assert.equal(text(), '  … pdf      page 1\n')
    assert.ok(!text().includes('\r') && !text().includes('\x1b'))
  })

  it('keeps progress notes without a page count (booklet instructions) for the summary', () => {
    const { stream, text } = capture()
    const progress = createProgress(stream, { live: true, color: false, cwd: '/b' })
    progress.onEvent({ type: 'progress', stage: 'booklet', message: 'Print double-sided, flip on the short edge' })
    progress.onEvent({ type: 'output', file: '/b/dist/book-booklet.pdf', bytes: 2048, pages: 16 })
    progress.summary({ ok: true, errors: 0, warnings: 0, ms: 10 })
    assert.equal(
      text(),
      '  dist/book-booklet.pdf      2 KB  16 pages\n    booklet: Print double-sided, flip on the short edge\nsamizdat: built, 1 output, 0 errors, 0 warnings, in 10 ms\n',
    )
  })

  it('says when a build stopped', () => {
    const { stream, text } = capture()
    createProgress(stream, { live: false, color: false }).summary({ ok: false, errors: 1, warnings: 0, ms: 40 })
    assert.equal(text(), 'samizdat: stopped, nothing written, 1 error, 0 warnings, in 40 ms\n')
  })
})

describe('formatting', () => {
  it('sizes and times read like a file manager and a stopwatch', () => {
    assert.deepEqual([formatBytes(900), formatBytes(2048), formatBytes(3 * 1024 * 1024)], ['900 B', '2 KB', '3.0 MB'])
    assert.deepEqual([formatMs(12.6), formatMs(1500), formatMs(125_000)], ['13 ms', '1.5 s', '2 min 5 s'])
  })
})
