import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { after, before, test } from 'node:test'
import { withBrowser } from '../../../scripts/print/browser/browser-session.ts'
import { runCli } from '../../helpers/build-cli.ts'

// The web edition on a phone (390 px wide), in Chromium: what a reader sees.
const book = path.join(import.meta.dirname, '..', '..', 'fixtures', 'web', 'book')
const out = mkdtempSync(path.join(tmpdir(), 'samizdat-web-narrow-'))

interface Seen {
  readonly pageWidth: number
  readonly titleBlock: { text: string; align: string; indent: string }[]
  readonly regions: { role: string | null; label: string | null; tabIndex: number; scrolls: boolean; tableWidth: number; width: number }[]
  readonly colophonDate: string
}

let seen: Seen

before(async () => {
  const run = await runCli(['build', book, '--out', out, '--format', 'html'])
  assert.equal(run.code, 0, run.stderr)
  const documentUrl = pathToFileURL(path.join(out, 'book.html')).href
  seen = await withBrowser({ tempDir: out }, async (session) => {
    const { page } = await session.newPage({ allowedRoots: [out], documentUrl })
    await page.setViewport({ width: 390, height: 844 })
    await page.goto(documentUrl, { waitUntil: 'load' })
    return (await page.evaluate(`(() => ({
      pageWidth: document.documentElement.scrollWidth,
      titleBlock: [...document.querySelectorAll('.title-block p')].map((p) => ({ text: p.textContent, align: getComputedStyle(p).textAlign, indent: getComputedStyle(p).textIndent })),
      regions: [...document.querySelectorAll('.table-scroll')].map((region) => ({
        role: region.getAttribute('role'),
        label: region.getAttribute('aria-label'),
        tabIndex: region.tabIndex,
        scrolls: region.scrollWidth > region.clientWidth,
        tableWidth: region.querySelector('table').getBoundingClientRect().width,
        width: region.getBoundingClientRect().width,
      })),
      colophonDate: document.querySelector('.colophon time')?.textContent ?? '',
    }))()`)) as Seen
  })
})

after(() => rmSync(out, { recursive: true, force: true }))

test('the title block is centred, not justified or indented', () => {
  assert.equal(seen.titleBlock.length, 3)
  for (const line of seen.titleBlock) {
    assert.equal(line.align, 'center', line.text)
    assert.equal(line.indent, '0px', line.text)
  }
})

test('a wide table scrolls inside a labelled, focusable region; the page itself does not scroll sideways', () => {
  assert.ok(seen.pageWidth <= 390, `the page is ${seen.pageWidth} px wide`)
  assert.equal(seen.regions.length, 2)
  const [inventory, rota] = seen.regions
  assert.ok(inventory!.scrolls && inventory!.tableWidth > inventory!.width, JSON.stringify(inventory))
  for (const [index, region] of seen.regions.entries()) {
    assert.equal(region.role, 'region')
    assert.equal(region.tabIndex, 0)
    assert.equal(region.label, `Table ${index + 1}`)
  }
  assert.ok(rota)
})

test('the colophon date is the one the print edition prints', () => {
  assert.equal(seen.colophonDate, '1 May 2024')
  assert.match(readFileSync(path.join(out, 'book.html'), 'utf8'), /<time datetime="2024-05-01">1 May 2024<\/time>/)
})
