import assert from 'node:assert/strict'
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { htmlToPdf, type RenderPdfOptions, type RenderPdfResult } from '../../../scripts/print/layout/html-to-pdf.ts'
import { printLayoutScript } from '../../../scripts/print/print-layout-hooks.ts'

const fixtures = new URL('../../fixtures/print/pages/', import.meta.url)
const font = new URL('../../../node_modules/@fontsource/literata/files/literata-latin-400-normal.woff2', import.meta.url)

const toc = [
  { id: 'beginnings', title: 'Beginnings', level: 1 },
  { id: 'beginnings-long', title: 'A long paragraph', level: 2 },
  { id: 'pictures', title: 'Pictures', level: 1 },
  { id: 'pictures-lists', title: 'Lists', level: 2 },
  { id: 'epilogue', title: 'Épilogue — “ſtraße” ☞', level: 1 },
]
const metadata = {
  title: 'The Fixture Book',
  authors: ['Ada Typesetter', 'Bo Binder'],
  subject: 'Testing the print stage',
  keywords: ['fixture', 'paged media'],
  lang: 'en-GB',
  date: '2024-05-01',
}

let work: string
let book: { dir: string; pdfFile: string; result: RenderPdfResult }

/** A build directory holding the fixture `html` (with `replace` applied), its CSS, image and font. */
async function buildDir(html: string, replace: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(work, 'build-'))
  let text = await readFile(new URL(html, fixtures), 'utf8')
  for (const [from, to] of Object.entries(replace)) text = text.replaceAll(from, to)
  await writeFile(join(dir, 'book.html'), text)
  for (const file of ['print.css', 'gradient.png']) await copyFile(new URL(file, fixtures), join(dir, file))
  await copyFile(font, join(dir, 'literata-latin-400-normal.woff2'))
  return dir
}

function render(dir: string, extra: Partial<RenderPdfOptions> = {}): Promise<RenderPdfResult> {
  return htmlToPdf({ htmlFile: join(dir, 'book.html'), allowedRoot: dir, toc, metadata, tempDir: work, ...extra })
}

function run(command: string, ...args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8' })
}

function pageText(file: string, page: number): string {
  return run('pdftotext', '-f', String(page), '-l', String(page), file, '-')
}

/** Chromium processes started by these tests (their profiles live under `work`). */
function strayChromium(): string {
  const found = spawnSync('pgrep', ['-af', work], { encoding: 'utf8' })
  return found.stdout.trim()
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'samizdat-html-to-pdf-'))
  const dir = await buildDir('book.html')
  const pages: number[] = []
  const result = await render(dir, { onProgress: (progress) => pages.push(progress.pages) })
  // Reports come at most every 100 ms: the first page, rising, and the last.
  assert.equal(pages[0], 1)
  assert.equal(pages.at(-1), result.pageCount)
  assert.ok(pages.every((count, index) => index === 0 || count > pages[index - 1]!), pages.join(' '))
  const pdfFile = join(dir, 'book.pdf')
  await writeFile(pdfFile, result.pdf)
  book = { dir, pdfFile, result }
})

after(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('the fixture book', () => {
  test('pages, text per page and folios', () => {
    const { result, pdfFile } = book
    assert.equal(result.pageCount, 9)
    assert.match(run('pdfinfo', pdfFile), /Pages:\s+9\n/)
    assert.match(pageText(pdfFile, 1), /The Fixture Book/)
    assert.match(pageText(pdfFile, 2), /Contents[\s\S]*Beginnings 1[\s\S]*Pictures 5/)
    assert.match(pageText(pdfFile, 3), /Beginnings/)
    assert.deepEqual(
      result.pageStarts.map((start) => start.folio),
      ['i', 'ii', '1', '2', '3', '4', '5', '6', '7'],
    )
    // What the margin boxes print: the last line of each page that has one (blank pages print none).
    const printed = result.pageStarts.map((start) => {
      const lines = pageText(pdfFile, start.page).trim().split('\n')
      return start.page === 6 || start.page === 8 ? '' : (lines[lines.length - 1] ?? '').trim()
    })
    assert.deepEqual(printed, ['i', 'ii', '1', '2', '3', '', '5', '', '7'])
    assert.deepEqual(result.blockedRequests, [])
    assert.deepEqual(result.consoleErrors, [])
    for (const step of ['launch', 'load', 'layout', 'pageMap', 'pdf', 'close', 'finish', 'total']) {
      assert.equal(typeof result.timings[step], 'number', step)
    }
  })

  test('document information, language, tagging', () => {
    const info = run('pdfinfo', book.pdfFile)
    assert.match(info, /Title:\s+The Fixture Book\n/)
    assert.match(info, /Author:\s+Ada Typesetter, Bo Binder\n/)
    assert.match(info, /Subject:\s+Testing the print stage\n/)
    assert.match(info, /Keywords:\s+fixture paged media\n/)
    assert.match(info, /Creator:\s+samizdat\n/)
    assert.match(info, /CreationDate:\s+Wed May\s+1 00:00:00 2024 UTC/)
    assert.match(info, /Tagged:\s+yes/)
    assert.match(info, /Page size:\s+420 x 594.96 pts \(A5\)/)
    const catalog = run('mutool', 'show', book.pdfFile, 'Root')
    assert.match(catalog, /\/Lang \(en-GB\)/)
    assert.match(catalog, /\/DisplayDocTitle true/)
  })

  test('fonts are embedded TrueType subsets, never Type 3', () => {
    const rows = run('pdffonts', book.pdfFile).trim().split('\n').slice(2)
    assert.ok(rows.some((row) => /\+Literata-Regular\s/.test(row)), 'Literata is used')
    for (const row of rows) {
      assert.doesNotMatch(row, /Type 3/)
      assert.match(row, /CID TrueType\s+Identity-H\s+yes yes/)
    }
  })

  test('the outline nests the toc and points at the headings’ pages; page labels match the folios', async () => {
    const pdf = await getDocument({ data: new Uint8Array(book.result.pdf) }).promise
    try {
      const outline = await pdf.getOutline()
      const flat: { title: string; depth: number; page: number }[] = []
      const walk = async (items: typeof outline, depth: number): Promise<void> => {
        for (const item of items) {
          const dest = item.dest as unknown[]
          const page = (await pdf.getPageIndex(dest[0] as Parameters<typeof pdf.getPageIndex>[0])) + 1
          flat.push({ title: item.title, depth, page })
          await walk(item.items, depth + 1)
        }
      }
      await walk(outline, 1)
      assert.deepEqual(flat, [
        { title: 'Beginnings', depth: 1, page: 3 },
        { title: 'A long paragraph', depth: 2, page: 3 },
        { title: 'Pictures', depth: 1, page: 7 },
        { title: 'Lists', depth: 2, page: 7 },
        { title: 'Épilogue — “ſtraße” ☞', depth: 1, page: 9 },
      ])
      assert.deepEqual(
        await pdf.getPageLabels(),
        book.result.pageStarts.map((start) => start.folio),
      )
    } finally {
      await pdf.destroy()
    }
  })

  test('the image is embedded', () => {
    const images = run('pdfimages', '-list', book.pdfFile).trim().split('\n').slice(2)
    assert.equal(images.length, 1)
    assert.match(images[0]!, /^\s*7\s+\d+\s+image\s+160\s+100\s/)
  })

  test('the page map finds where the long paragraph continues', async () => {
    const source = await readFile(new URL('book.html', fixtures), 'utf8')
    const long = /<p data-sid="6" class="long">([\s\S]*?)<\/p>/.exec(source)?.[1] ?? ''
    // The counting rule: no footnote bodies, no soft hyphens.
    const text = long
      .replace(/<span class="footnote">[\s\S]*?<\/span>/g, '')
      .replace(/<[^>]+>/g, '')
      .replaceAll('&shy;', '')
    const continued = book.result.pageStarts.filter((start) => start.sid === '6' && start.offset > 0)
    assert.equal(continued.length, 2, 'the long paragraph spans three pages')
    for (const start of continued) {
      const words = (s: string): string => s.replace(/\u00ad/g, '').split(/\s+/).filter(Boolean).slice(0, 6).join(' ')
      const body = pageText(book.pdfFile, start.page).split('\n').slice(1).join(' ')
      assert.equal(words(body), words(text.slice(start.offset)), `page ${start.page}`)
    }
    const firstOnPage = book.result.pageStarts.map((start) => start.sid)
    assert.deepEqual(firstOnPage, [null, null, '1', '6', '6', null, '8', null, '16'])
  })

  test('two renders are byte-identical', async () => {
    const again = await render(await buildDir('book.html'))
    assert.equal(Buffer.compare(Buffer.from(again.pdf), Buffer.from(book.result.pdf)), 0)
  })

  test('the print build’s Paged.js hooks change nothing where nothing was wrong: the same text on every page, a clean typesetting report', async () => {
    // The fixture has no widow, orphan, hyphen at a recto's end, run of hyphens, stranded heading or split table.
    const dir = await buildDir('book.html', { '</head>': '<script src="print-layout.js"></script></head>' })
    await writeFile(join(dir, 'print-layout.js'), printLayoutScript())
    const hooked = await render(dir, { measure: true })
    const rules = (hooked.measures?.findings ?? []).map((finding) => finding.rule).filter((rule) => rule !== 'loose-line')
    assert.deepEqual(rules, [])
    const hookedPdf = join(dir, 'hooked.pdf')
    await writeFile(hookedPdf, hooked.pdf)
    assert.equal(hooked.pageCount, book.result.pageCount)
    for (let page = 1; page <= hooked.pageCount; page++) assert.equal(pageText(hookedPdf, page), pageText(book.pdfFile, page), `page ${page}`)
  })

  test('no Chromium is left running', () => {
    assert.equal(strayChromium(), '')
  })
})

describe('the sandbox', () => {
  test('nothing outside the build directory is loaded, and every refusal is reported', async () => {
    let hits = 0
    const server = createServer((_, response) => {
      hits += 1
      response.end('no')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = String((server.address() as AddressInfo).port)
    try {
      const result = await render(await buildDir('blocked.html', { __PORT__: port }), { toc: [] })
      assert.equal(hits, 0, 'no request reached the local server')
      const blocked = [...result.blockedRequests].sort()
      assert.deepEqual(blocked, [
        'file:///etc/hostname',
        'file:///etc/passwd',
        `http://127.0.0.1:${port}/remote.css`,
        `http://127.0.0.1:${port}/x.png`,
        'https://example.invalid/bg.png',
      ])
      assert.ok(
        result.consoleErrors.some((message) => /could not load file:\/\/.*\/missing\.png: net::ERR_FILE_NOT_FOUND/.test(message)),
        result.consoleErrors.join('\n'),
      )
      const pdfFile = join(work, 'blocked.pdf')
      await writeFile(pdfFile, result.pdf)
      assert.match(pageText(pdfFile, 1), /Still printed/)
    } finally {
      server.close()
    }
  })
})

describe('failures', () => {
  test('a stalled layout names the page and chapter and leaves no Chromium behind', async () => {
    const dir = await buildDir('stall.html')
    const started = Date.now()
    await assert.rejects(render(dir, { toc: [], timeoutMs: { stall: 2000 } }), (error: Error) => {
      assert.equal(error.name, 'StepTimeoutError')
      assert.equal(
        error.message,
        'Laying out page 4 took longer than 2 s: Paged.js stalled after page 3 in chapter “Stuck” (last text block placed: data-sid="4")',
      )
      return true
    })
    assert.ok(Date.now() - started < 15_000)
    assert.equal(strayChromium(), '')
    assert.deepEqual((await readdir(work)).filter((name) => name.startsWith('samizdat-chromium-')), [])
  })

  test('an abort stops the render and the browser', async () => {
    const controller = new AbortController()
    const dir = await buildDir('book.html')
    await assert.rejects(
      render(dir, { signal: controller.signal, onProgress: () => controller.abort(new Error('stop, please')) }),
      /stop, please/,
    )
    assert.equal(strayChromium(), '')
  })

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`${signal} mid-render closes Chromium, removes its profile and ends the process by the signal`, async () => {
      const dir = await buildDir('stall.html')
      const tempDir = await mkdtemp(join(work, 'signal-'))
      const helper = new URL('../../fixtures/print/pages/render-and-wait.ts', import.meta.url).pathname
      const child = spawn(process.execPath, ['--import', 'tsx', helper, dir, tempDir], { stdio: ['ignore', 'pipe', 'inherit'] })
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('page 3')) resolve()
        })
      })
      assert.notEqual(spawnSync('pgrep', ['-f', `user-data-dir=${tempDir}`]).status, 1, 'Chromium is running')
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, by) => resolve(by)))
      child.kill(signal)
      assert.equal(await exited, signal)
      assert.equal(spawnSync('pgrep', ['-f', `user-data-dir=${tempDir}`]).status, 1, 'no Chromium is left')
      assert.deepEqual(await readdir(tempDir), [])
    })
  }

  test('an error inside Paged.js says where the layout was', async () => {
    await assert.rejects(render(await buildDir('paged-error.html'), { toc: [] }), (error: Error) => {
      assert.match(error.message, /^Paged\.js failed after page 1 in chapter “Broken”: .*boom on page two/)
      return true
    })
    assert.equal(strayChromium(), '')
  })

  test('a page that tries to navigate away stays on the book, and the refusal is reported', async () => {
    // The refused navigation is answered "204 No Content", which leaves the document where it was.
    const result = await render(await buildDir('navigate.html'), { toc: [] })
    assert.deepEqual(result.blockedRequests, ['file:///etc/passwd'])
    assert.ok(result.pageCount > 0)
    assert.equal(strayChromium(), '')
  })

  test('a Chromium that never answers hits the launch limit and is killed', async () => {
    const fake = join(work, 'silent-chromium.sh')
    await writeFile(fake, '#!/bin/sh\nexec sleep 31\n', { mode: 0o755 })
    const started = Date.now()
    await assert.rejects(
      render(await buildDir('book.html'), { executablePath: fake, timeoutMs: { launch: 1000 } }),
      new RegExp(`^StepTimeoutError: Starting Chromium took longer than 1 s: ${fake} did not answer$`),
    )
    assert.ok(Date.now() - started < 10_000)
    assert.equal(spawnSync('pgrep', ['-f', 'sleep 31']).status, 1, 'the fake browser is gone')
  })

  test('a Chromium that cannot start says so', async () => {
    const fake = join(work, 'broken-chromium.sh')
    await writeFile(fake, '#!/bin/sh\necho "error while loading shared libraries: libnss3.so" >&2\nexit 127\n', { mode: 0o755 })
    await assert.rejects(
      render(await buildDir('book.html'), { executablePath: fake }),
      /Chromium \(.*broken-chromium\.sh\) did not start: it exited \(code 127\)\. It said:\nerror while loading shared libraries: libnss3\.so$/,
    )
  })

  test('a document outside the build directory is refused before Chromium starts', async () => {
    const dir = await buildDir('book.html')
    await mkdir(join(dir, 'inner'))
    await assert.rejects(
      htmlToPdf({ htmlFile: join(dir, 'book.html'), allowedRoot: join(dir, 'inner'), toc, metadata }),
      /is not inside the build directory/,
    )
  })
})
