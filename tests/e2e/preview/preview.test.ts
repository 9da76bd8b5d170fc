import assert from 'node:assert/strict'
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'puppeteer-core'
import { type BrowserSession, withBrowser } from '../../../scripts/print/browser/browser-session.ts'

// `samizdat preview` on a temp copy of the default book, driven by a real Chromium.
const temp = mkdtempSync(path.join(tmpdir(), 'samizdat-preview-e2e-'))
const book = path.join(temp, 'book')
const bin = path.join(import.meta.dirname, '..', '..', '..', 'scripts', 'bin.js')
let child: ChildProcessWithoutNullStreams
let url: URL
let stderr = ''
let session: BrowserSession
let closeBrowser: () => Promise<void>

/** A page of samizdat's own launcher (no route out), let through to the preview only. */
async function newPage(): Promise<Page> {
  return (await session.newPage({ allowedRoots: [], documentUrl: url.href, allowedOrigin: url.origin })).page
}

/** Start the preview and resolve with the address it prints. */
function startPreview(): Promise<URL> {
  child = spawn(process.execPath, [bin, 'preview', book, '--port', '0'], { env: { ...process.env, CI: '1' } })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  return new Promise((resolve, reject) => {
    let stdout = ''
    const timer = setTimeout(() => reject(new Error(`no address after 60 s\n${stderr}`)), 60_000)
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk
      const match = /http:\/\/[^\s]+\//.exec(stdout)
      if (match) {
        clearTimeout(timer)
        resolve(new URL(match[0]))
      }
    })
    child.on('exit', (code) => reject(new Error(`preview exited with ${code}\n${stderr}`)))
  })
}

/** A raw HTTP request, so the path is sent exactly as written (no URL normalisation). */
function get(pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: pathname, method, headers }, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** Poll the page's text until `predicate` holds; reloads in between are expected. */
async function waitForText(page: Page, predicate: (text: string) => boolean, timeoutMs: number): Promise<number> {
  const start = performance.now()
  while (performance.now() - start < timeoutMs) {
    // In the print view, the text counts once Paged.js has laid it out in pages.
    const text = await page.evaluate(() => (document.querySelector('.pagedjs_pages') ?? document.body)?.textContent ?? '').catch(() => '')
    // The print view is hyphenated with soft hyphens (U+00AD), which the text keeps.
    if (predicate(text.replaceAll('\u00ad', ''))) return performance.now() - start
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`page text did not change within ${timeoutMs} ms\n${stderr}`)
}

before(async () => {
  cpSync(new URL('../../../manuscript', import.meta.url), book, { recursive: true })
  url = await startPreview()
  let release = (): void => undefined
  const running = withBrowser({ tempDir: temp, reachableOrigin: url.origin }, (started) => {
    session = started
    return new Promise<void>((resolve) => (release = resolve))
  })
  closeBrowser = () => {
    release()
    return running
  }
  // Started once the first page can be opened.
  while (!session) await Promise.race([running, new Promise((resolve) => setTimeout(resolve, 20))])
})

after(async () => {
  await closeBrowser?.()
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGINT')
    await exited
  }
  rmSync(temp, { recursive: true, force: true })
})

describe('samizdat preview', () => {
  test('answers on 127.0.0.1 with the book', async () => {
    assert.equal(url.hostname, '127.0.0.1')
    const root = await get('/')
    assert.equal(root.status, 302)
    const page = await get(String(root.headers['location']))
    assert.equal(page.status, 200)
    assert.match(page.body, /Were any of the Bolshevik oppositions a real alternative\?/)
    assert.match(page.body, /<script src="\/__samizdat\/client\.js\?build=\d+"><\/script>/)
    const epub = await get('/epub')
    assert.equal(epub.status, 302)
    const reader = await get(String(epub.headers['location']))
    assert.match(reader.body, /<iframe name="book"/)
    const chapter = /href="([^"]*workers-opposition\.xhtml)"/.exec(reader.body)
    assert.ok(chapter, 'the reader lists the EPUB chapters')
    const xhtml = await get(new URL(chapter[1]!, new URL(String(epub.headers['location']), url)).pathname)
    assert.match(String(xhtml.headers['content-type']), /application\/xhtml\+xml/)
    assert.match(xhtml.body, /<html xmlns="http:\/\/www\.w3\.org\/1999\/xhtml"/)
    assert.match((await get('/web.html')).body, /Workers(’|&#x2019;) Opposition/)
  })

  test('serves only files of the build: no path traversal, no listings, no other hosts', async () => {
    for (const attempt of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2f..%2fetc/passwd', `/${book}/book.yaml`, '/%2fetc%2fpasswd']) {
      const response = await get(attempt)
      assert.equal(response.status, 404, attempt)
      assert.doesNotMatch(response.body, /root:/, attempt)
    }
    assert.equal((await get('/assets/')).status, 404)
    assert.equal((await get('/assets')).status, 404)
    assert.equal((await get('/', { host: 'attacker.example' })).status, 403)
    assert.equal((await get('/', {}, 'POST')).status, 405)
    assert.match(String((await get('/web.html')).headers['content-security-policy']), /default-src 'self'/)
  })

  test('an edit to a chapter shows in the open page within a few seconds', async (t) => {
    const page = await newPage()
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(String(error)))
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    await page.goto(url.href, { waitUntil: 'load' })
    const paginated = page.url().includes('/print/')
    if (paginated) await page.waitForSelector('.pagedjs_page', { timeout: 60_000 })
    await waitForText(page, (text) => text.includes('Left Communists'), 60_000)
    const chapter = path.join(book, '03-workers-opposition.md')
    const times: number[] = []
    for (const round of [1, 2, 3]) {
      const sentinel = `Preview sentinel number ${round} is here.`
      const start = performance.now()
      appendFileSync(chapter, `\n\n${sentinel}\n`)
      await waitForText(page, (text) => text.includes(sentinel), 30_000)
      times.push(performance.now() - start)
      // The new text can show a moment before Paged.js has paginated it: wait for the pages, then find the text in them.
      if (paginated) {
        const laidOut = await page
          .waitForFunction((text) => [...document.querySelectorAll('.pagedjs_page')].some((node) => node.textContent?.replaceAll('\u00ad', '').includes(text)), { timeout: 30_000 }, sentinel)
          .then(() => true, () => false)
        assert.ok(laidOut, 'Paged.js laid the print view out again, with the edit')
      }
    }
    t.diagnostic(`edit → new text in the ${paginated ? 'paginated print view' : 'web edition'}: ${times.map((ms) => `${Math.round(ms)} ms`).join(', ')}`)
    for (const line of stderr.split('\n').filter((line) => line.includes('↻'))) t.diagnostic(line.trim())
    assert.deepEqual(problems.filter((text) => /Content Security Policy|Refused to/.test(text)), [])
    await page.close()
  })

  test('the EPUB view shows the EPUB chapter being read, and stays on it across an edit', async () => {
    const page = await newPage()
    await page.goto(new URL('/epub', url).href, { waitUntil: 'load' })
    const frameText = async () => {
      const frame = page.frames().find((candidate) => candidate.name() === 'book')
      return (await frame?.evaluate(() => document.body?.textContent ?? '').catch(() => '')) ?? ''
    }
    await page.$eval('a[href$="workers-opposition.xhtml"]', (link) => (link as HTMLAnchorElement).click())
    const sentinel = 'An EPUB sentinel sentence.'
    const start = performance.now()
    while (!(await frameText()).includes('Workers')) await new Promise((resolve) => setTimeout(resolve, 50))
    appendFileSync(path.join(book, '03-workers-opposition.md'), `\n\n${sentinel}\n`)
    while (!(await frameText()).includes(sentinel)) {
      assert.ok(performance.now() - start < 30_000, `the EPUB view did not show the edit\n${stderr}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    await page.close()
  })

  test('a rebuild with errors shows them over the last good build, and a fix clears them', async () => {
    const page = await newPage()
    await page.goto(new URL('/web.html', url).href, { waitUntil: 'load' })
    const config = path.join(book, 'book.yaml')
    const good = readFileSync(config, 'utf8')
    writeFileSync(config, good.replace('pageSize: A5', 'pageSize: A3'))
    await page.waitForSelector('#samizdat-preview-problem', { timeout: 20_000 })
    const message = await page.$eval('#samizdat-preview-problem', (box) => box.textContent ?? '')
    assert.match(message, /book\.yaml:\d+:\d+\s+error\s+`pageSize`/)
    assert.match(await page.evaluate(() => document.body.textContent ?? ''), /Left Communists/)
    assert.match(stderr, /book\.yaml:\d+:\d+ {2}error/)
    writeFileSync(config, good)
    await page.waitForSelector('#samizdat-preview-problem', { hidden: true, timeout: 20_000 })
    await page.close()
  })
})
