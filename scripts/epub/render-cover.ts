import { statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { Root } from 'hast'
import { h } from 'hastscript'
import { toHtml } from 'hast-util-to-html'
import { loadBookFonts } from '../assets/book-fonts.ts'
import type { BrowserSession, BrowserSessionOptions } from '../browser/browser-session.ts'
import { findChromium } from '../browser/find-chromium.ts'
import { withTimeLimit } from '../browser/time-limit.ts'
import { cached, cacheKey, isCached } from '../build-cache.ts'
import type { ResolvedBook } from '../config/resolve-book.ts'
import type { BrowserPool } from '../pdf-parallel/browser-pool.ts'

/** Cover size in CSS pixels: the 1:1.6 portrait shape EPUB stores ask for. */
export const coverSize = { width: 1600, height: 2560 } as const

/**
 * Render a typographic cover (title, subtitle, authors, publisher in the book
 * face) to PNG with Chromium, for a book.yaml without `cover`. Fonts are
 * inlined as data URLs, so the page loads nothing; same book, same machine,
 * same bytes.
 */
export async function renderCover(book: ResolvedBook, options: CoverRenderOptions = {}): Promise<Uint8Array> {
  const html = await coverHtml(book)
  const key = coverKey(html, options)
  // A build may have started this very cover while it read the manuscript (see startBrowsers).
  if (latest?.key === key) return latest.png
  const png = cached('covers', `${key}.png`, () => screenshotCover(html, options))
  latest = { key, png }
  // A failed render is not kept: the next caller tries again, and reports the problem.
  png.catch(() => {
    if (latest?.png === png) latest = undefined
  })
  return png
}

/** How to render the cover: a browser of the build's pool, or one of its own. */
export interface CoverRenderOptions extends BrowserSessionOptions {
  readonly pool?: BrowserPool
}

/** Whether the cover for `book` is already rendered and cached: then its build needs no browser for it. */
export async function coverIsCached(book: ResolvedBook, options: BrowserSessionOptions = {}): Promise<boolean> {
  return isCached('covers', `${coverKey(await coverHtml(book), options)}.png`)
}

// The same page in the same Chromium gives the same pixels: reuse them (a browser launch is most of an EPUB build).
function coverKey(html: string, options: BrowserSessionOptions): string {
  const chromium = options.executablePath ?? findChromium()
  return cacheKey(html, chromium, String(statSync(chromium).mtimeMs), JSON.stringify(coverSize))
}

// The last cover asked for in this process, rendered or on its way.
let latest: { readonly key: string; readonly png: Promise<Uint8Array> } | undefined

async function screenshotCover(html: string, options: CoverRenderOptions): Promise<Uint8Array> {
  const { pool, ...browser } = options
  // A pool the build has closed already (its print edition is done) takes no new work: start a browser of our own.
  if (pool && !pool.closed) return pool.run(async (session) => ({ value: await screenshotOn(session, html, options.signal) }))
  // Chromium's driver is loaded only to render: a cached cover needs none of it.
  const { withBrowser } = await import('../browser/browser-session.ts')
  return withBrowser(browser, (session) => screenshotOn(session, html, options.signal))
}

async function screenshotOn(session: BrowserSession, html: string, signal: AbortSignal | undefined): Promise<Uint8Array> {
  const { page, log } = await session.newPage({ allowedRoots: [], documentUrl: 'about:blank' })
  await page.setViewport({ ...coverSize, deviceScaleFactor: 1 })
  const shot = (async () => {
    await page.setContent(html, { waitUntil: 'load' })
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    return page.screenshot({ type: 'png', clip: { x: 0, y: 0, ...coverSize }, omitBackground: false })
  })()
  // Stopped by the time limit or an abort, the page's calls fail as the browser closes: that is no new problem.
  shot.catch(() => undefined)
  const png = await withTimeLimit(shot, 'Rendering the cover', 60_000, signal).finally(() => page.close().catch(() => undefined))
  if (log.messages.length > 0) throw new Error(`The cover page reported: ${log.messages.join('; ')}`)
  return new Uint8Array(png)
}

/** The cover as an HTML page (hast, serialised once). */
export async function coverHtml(book: ResolvedBook): Promise<string> {
  const text = [book.title, book.subtitle, ...book.authors, ...book.editors, book.publisher].filter(Boolean).join('\n')
  const fonts = await loadBookFonts(book.typeface, text)
  const faces = await Promise.all(
    fonts.faces.map(async (face) => {
      const data = (await readFile(face.file)).toString('base64')
      return `@font-face { font-family: '${face.family}'; font-style: ${face.style}; font-weight: ${face.weight}; src: url(data:font/woff2;base64,${data}) format('woff2'); unicode-range: ${face.unicodeRange}; }`
    }),
  )
  const people = [...book.authors, ...book.editors]
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: book.lang }, [
        h('head', [h('meta', { charSet: 'utf-8' }), h('style', `${faces.join('\n')}\n${coverCss(fonts.family, book.title)}`)]),
        h('body', [
          h('div.rule'),
          h('h1.title', book.title),
          ...(book.subtitle ? [h('p.subtitle', book.subtitle)] : []),
          h('div.space'),
          ...(people.length > 0 ? [h('p.author', people.join(', '))] : []),
          ...(book.publisher ? [h('p.publisher', book.publisher)] : []),
        ]),
      ]),
    ],
  }
  return toHtml(tree)
}

function coverCss(family: string, title: string): string {
  // Long titles get a smaller size, so they fit in at most about six lines.
  const size = title.length <= 20 ? 190 : title.length <= 40 ? 160 : title.length <= 70 ? 132 : 104
  return `
html, body { margin: 0; }
body {
  box-sizing: border-box; width: ${coverSize.width}px; height: ${coverSize.height}px; padding: 220px 170px 200px;
  display: flex; flex-direction: column; background: #f4efe3; color: #1d1b18;
  font-family: '${family}', serif; -webkit-font-smoothing: antialiased;
}
.rule { height: 14px; width: 420px; background: #8a1c1c; margin-bottom: 120px; }
.title { font-size: ${size}px; line-height: 1.12; font-weight: 700; margin: 0; overflow-wrap: break-word; }
.subtitle { font-size: 76px; line-height: 1.25; font-style: italic; margin: 70px 0 0; }
.space { flex: 1; }
.author { font-size: 70px; line-height: 1.3; letter-spacing: 0.04em; font-variant: small-caps; margin: 0; }
.publisher { font-size: 46px; letter-spacing: 0.12em; text-transform: uppercase; margin: 60px 0 0; color: #8a1c1c; }
`
}
