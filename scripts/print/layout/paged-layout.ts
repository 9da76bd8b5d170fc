import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Page } from 'puppeteer-core'
import { runInPage } from './run-in-page.ts'
import { StepTimeoutError, withTimeLimit } from '../browser/time-limit.ts'

/** Where Paged.js has got to: pages laid out, the chapter (last `h1`) and the last text block placed. */
export interface LayoutProgress {
  readonly pages: number
  readonly chapter?: string
  readonly sid?: string
}

/** Time limits and the progress callback for `layOutPages`. */
export interface LayoutOptions {
  /** Longest the whole layout may take, in ms. */
  readonly limitMs: number
  /** Longest Paged.js may spend on one page before we call it stalled, in ms. */
  readonly stallMs: number
  readonly onProgress?: ((progress: LayoutProgress) => void) | undefined
  readonly signal?: AbortSignal | undefined
}

// The package's `exports` hide `dist/`; reach it from the resolvable CommonJS entry (lib/index.cjs).
const polyfillPath = join(dirname(createRequire(import.meta.url).resolve('pagedjs')), '..', 'dist', 'paged.polyfill.js')

/**
 * Must run before the page loads. Paged.js starts on its own unless
 * `PagedConfig.auto` is false when its script runs (pagedjs-cli's protocol).
 * The body stays hidden until the layout starts: Chromium would otherwise
 * lay the whole book out as one long page first, only for Paged.js to take
 * it apart (a third of a second on a 370-page book). An adopted sheet,
 * because Paged.js collects and rewrites every `<style>` and `<link>`.
 */
export async function preparePagedLayout(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(
    `window.PagedConfig = { auto: false };
    window.__samizdatHide = new CSSStyleSheet();
    window.__samizdatHide.replaceSync('body { display: none !important; }');
    document.adoptedStyleSheets = [window.__samizdatHide];`,
  )
}

/**
 * Lay the loaded document out into pages with Paged.js and resolve with the
 * page count. Rejects with `StepTimeoutError` naming the last page, chapter
 * and block when the whole layout exceeds `limitMs` or a single page
 * exceeds `stallMs`.
 */
export async function layOutPages(page: Page, options: LayoutOptions): Promise<number> {
  let last: LayoutProgress = { pages: 0 }
  let lastAt = Date.now()
  await page.exposeFunction('__samizdatPage', (progress: LayoutProgress) => {
    last = progress
    lastAt = Date.now()
    options.onProgress?.(progress)
  })
  const loaded = await page.evaluate('typeof window.PagedPolyfill === "object"')
  if (!loaded) await page.addScriptTag({ path: polyfillPath })
  lastAt = Date.now()
  const layout = runInPage(page, layOutInPage, undefined).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message.replace(/^Evaluation failed: /, '') : String(error)
    const where = last.pages === 0 ? 'before the first page' : `after page ${last.pages}${last.chapter ? ` in chapter “${last.chapter}”` : ''}`
    throw new Error(`Paged.js failed ${where}: ${reason}`, { cause: error })
  })
  let watch: NodeJS.Timeout | undefined
  const stalled = new Promise<never>((_, reject) => {
    watch = setInterval(() => {
      if (Date.now() - lastAt <= options.stallMs) return
      reject(new StepTimeoutError(`Laying out page ${last.pages + 1}`, options.stallMs, stallDetail(last)))
    }, Math.min(250, options.stallMs))
  })
  try {
    return await withTimeLimit(Promise.race([layout, stalled]), 'Laying out pages', options.limitMs, options.signal, () =>
      stallDetail(last),
    )
  } finally {
    clearInterval(watch)
  }
}

/**
 * After layout, before printing: make each page a containment boundary.
 * Pages have fixed sizes and nothing flows between them any more, so the
 * output is unchanged (checked page by page), but Chromium's print pass no
 * longer lays out and paints the whole book for every sheet: printing a
 * 370-page book took about half the time.
 */
export async function containPages(page: Page): Promise<void> {
  // No style containment: it would scope the page counter that the folios print.
  await page.addStyleTag({ content: '.pagedjs_page { contain: layout paint size; }' })
}

function stallDetail(last: LayoutProgress): string {
  if (last.pages === 0) return 'Paged.js stalled before finishing the first page'
  const chapter = last.chapter ? ` in chapter “${last.chapter}”` : ''
  const block = last.sid ? ` (last text block placed: data-sid="${last.sid}")` : ''
  return `Paged.js stalled after page ${last.pages}${chapter}${block}`
}

/** Runs in the page: report every finished page, then run Paged.js. Self-contained (see runInPage). */
async function layOutInPage(): Promise<number> {
  const w = window as unknown as {
    Paged: { Handler: new (...args: unknown[]) => object; registerHandlers: (...handlers: unknown[]) => void }
    PagedPolyfill: { preview: () => Promise<{ total: number }> }
    __samizdatPage: (progress: { pages: number; chapter?: string; sid?: string }) => Promise<void>
    __samizdatHide?: CSSStyleSheet
  }
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== w.__samizdatHide)
  // Paged.js re-reads every stylesheet link with XHR and gives up on the whole
  // book if one fails; a link that did not load (refused or missing, both
  // already reported) is dropped instead. Chromium gives a failed link an
  // empty sheet, and a foreign one throws on access.
  for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet"]')) {
    let rules = 0
    try {
      rules = link.sheet?.cssRules.length ?? 0
    } catch {
      rules = 0
    }
    if (rules === 0) link.remove()
  }
  let pages = 0
  let chapter: string | undefined
  let sid: string | undefined
  // Each report is a round trip to Node (puppeteer answers every call): about 1 ms of
  // Node's time per page, taken from the browsers on a 2-core machine. At most one every
  // 100 ms, the latest page, is plenty for progress and for the stall watch.
  let reportedAt = 0
  let trailing: ReturnType<typeof setTimeout> | undefined
  const report = () => {
    clearTimeout(trailing)
    trailing = undefined
    reportedAt = performance.now()
    void w.__samizdatPage({ pages, ...(chapter ? { chapter } : {}), ...(sid ? { sid } : {}) })
  }
  class Progress extends w.Paged.Handler {
    afterPageLayout(pageElement: Element): void {
      pages += 1
      const content = pageElement.querySelector('.pagedjs_page_content')
      const headings = content?.querySelectorAll('h1') ?? []
      const heading = headings[headings.length - 1]?.textContent?.replace(/\s+/g, ' ').trim()
      if (heading) chapter = heading
      const blocks = content?.querySelectorAll('[data-sid]') ?? []
      sid = blocks[blocks.length - 1]?.getAttribute('data-sid') ?? sid
      if (pages === 1 || performance.now() - reportedAt >= 100) report()
      else trailing ??= setTimeout(report, 100)
    }
  }
  w.Paged.registerHandlers(Progress)
  const flow = await w.PagedPolyfill.preview()
  if (trailing !== undefined) report()
  // Paged.js restarts the page and footnote counters at a page with
  // `[data-page-number="N"] { counter-reset: page 1 }`. Chromium scopes a
  // reset to the element and its descendants, so the next page went on
  // from the old count (folios 1, 3, 4 … while the contents said 1, 2, 3).
  // `counter-set` changes the running counter instead, as Paged.js means.
  for (const sheet of document.styleSheets) {
    let rules: CSSRuleList
    try {
      rules = sheet.cssRules
    } catch {
      continue
    }
    for (const rule of rules) {
      if (!(rule instanceof CSSStyleRule) || !rule.selectorText.startsWith('[data-page-number=')) continue
      const reset = rule.style.counterReset
      if (!reset || reset === 'none') continue
      rule.style.counterSet = reset
      rule.style.counterReset = 'none'
    }
  }
  return flow.total
}
