import assert from 'node:assert/strict'
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import puppeteer, { type Page } from 'puppeteer-core'
import { withBrowser } from '../../../scripts/print/browser/browser-session.ts'
import { type NetworkTrap, startNetworkTrap } from '../../helpers/network-trap.ts'

// `samizdat preview` of the network corpus under `trustedHtml: true`, opened in two browsers: one started by
// samizdat's launcher (the no-route switches, the preview's origin let through) and a plain one, as a reader's
// own browser (only what the preview server sends protects it). Neither may reach the trap.
const fixture = path.join(import.meta.dirname, '..', '..', 'fixtures', 'bad', 'network')
const bin = path.join(import.meta.dirname, '..', '..', '..', 'scripts', 'bin.js')
const work = mkdtempSync(path.join(tmpdir(), 'samizdat-preview-network-'))

/** Lay the print view out, then show the web edition: every page a reader opens. */
async function readEveryView(page: Page, origin: string): Promise<string> {
  await page.goto(`${origin}/`, { waitUntil: 'load' })
  const start = performance.now()
  let text = ''
  while (!text.includes('The chapter ends here') && performance.now() - start < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    // The print view is hyphenated with soft hyphens (U+00AD), which the text keeps.
    text = (await page.evaluate(() => document.querySelector('.pagedjs_pages')?.textContent ?? '').catch(() => '')).replaceAll('\u00ad', '')
  }
  await page.goto(`${origin}/web`, { waitUntil: 'load' })
  await page.goto(`${origin}/epub`, { waitUntil: 'load' })
  return text
}

let trap: NetworkTrap
let child: ChildProcessWithoutNullStreams
let origin: string
let stderr = ''

before(async () => {
  trap = await startNetworkTrap()
  const book = path.join(work, 'book')
  cpSync(fixture, book, { recursive: true })
  writeFileSync(path.join(book, 'book.yaml'), 'title: Side doors\ntrustedHtml: true\n')
  for (const chapter of readdirSync(book).filter((file) => file.endsWith('.md'))) {
    const file = path.join(book, chapter)
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('TRAP', trap.host).replaceAll('OUTSIDE', 'file:///etc/hostname'))
  }
  child = spawn(process.execPath, [bin, 'preview', book, '--port', '0'], { env: { ...process.env, CI: '1', TMPDIR: work } })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  origin = await new Promise<string>((resolve, reject) => {
    let stdout = ''
    const timer = setTimeout(() => reject(new Error(`no address after 60 s\n${stderr}`)), 60_000)
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk
      const match = /(http:\/\/[^\s/]+)\//.exec(stdout)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    child.on('exit', (code) => reject(new Error(`preview exited with ${code}\n${stderr}`)))
  })
})

after(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGINT')
    await exited
  }
  await trap?.close()
  rmSync(work, { recursive: true, force: true })
})

/** Nothing reached the trap, once anything late has had time to arrive. */
async function assertNothingOut(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300))
  assert.deepEqual(trap.connections, [], 'TCP connections reached the trap')
  assert.deepEqual(trap.packets, [], 'UDP packets reached the trap')
}

describe('preview of a trusted hostile book', () => {
  test("in a browser from samizdat's launcher (no-route switches, the preview let through): nothing reached", async () => {
    const text = await withBrowser({ tempDir: work, reachableOrigin: origin }, async (session) => {
      const { page } = await session.newPage({ allowedRoots: [], documentUrl: `${origin}/`, allowedOrigin: origin })
      return readEveryView(page, origin)
    })
    assert.match(text, /The chapter ends here/, stderr)
    await assertNothingOut()
  })

  test("in a plain browser, as a reader's own (only the preview's headers protect it): nothing reached", async () => {
    const plain = await puppeteer.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      userDataDir: mkdtempSync(path.join(work, 'chromium-')),
      args: ['--no-sandbox', '--disable-gpu', '--disable-component-update', '--no-first-run'],
    })
    try {
      assert.match(await readEveryView(await plain.newPage(), origin), /The chapter ends here/, stderr)
    } finally {
      await plain.close()
    }
    await assertNothingOut()
  })
})
