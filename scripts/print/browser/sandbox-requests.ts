import { isAbsolute, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { HTTPRequest, Page } from 'puppeteer-core'

/** What the page may load: files under `allowedRoots`, and the one document it was opened on. */
export interface SandboxRules {
  /** Absolute directories whose files the page may read. */
  readonly allowedRoots: readonly string[]
  /** The only URL the main frame may navigate to. */
  readonly documentUrl: string
  /** For tests of `samizdat preview` only: an origin (`http://127.0.0.1:PORT`) whose URLs the page may load and navigate to. */
  readonly allowedOrigin?: string
}

/**
 * True when the page may fetch `url`: inline schemes (`data:`, `blob:`,
 * `about:blank`) and `file:` URLs inside an allowed root. Everything else
 * (http, https, ws, ftp, files elsewhere) is refused, so a book cannot leak
 * its reader's files or phone home while it is typeset.
 */
export function isAllowedUrl(url: string, allowedRoots: readonly string[]): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true
  if (!url.startsWith('file:')) return false
  let path: string
  try {
    path = resolve(fileURLToPath(url))
  } catch {
    // `file://host/…` and malformed escapes: not a local file we know.
    return false
  }
  return allowedRoots.some((root) => {
    const inside = relative(resolve(root), path)
    return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)
  })
}

/**
 * Intercept every request of `page`: continue what `rules` allow, abort the
 * rest and report each refused URL through `onBlocked`. Navigations of any
 * frame are allowed only to `rules.documentUrl`.
 */
export async function sandboxRequests(page: Page, rules: SandboxRules, onBlocked: (url: string) => void): Promise<void> {
  await page.setRequestInterception(true)
  page.on('request', (request: HTTPRequest) => {
    const url = request.url()
    const allowed =
      (rules.allowedOrigin !== undefined && url.startsWith(`${rules.allowedOrigin}/`)) ||
      (request.isNavigationRequest() ? url === rules.documentUrl : isAllowedUrl(url, rules.allowedRoots))
    if (allowed) {
      void request.continue().catch(ignoreClosed)
      return
    }
    onBlocked(url.length > 200 ? `${url.slice(0, 200)}…` : url)
    // A refused navigation (a form a trusted script submits, a link it follows) answered "204 No Content"
    // leaves the page where it was (https://html.spec.whatwg.org/multipage/browsing-the-web.html#navigate-fetch);
    // aborted, it would put Chromium's error page in place of the book.
    if (request.isNavigationRequest()) void request.respond({ status: 204, body: '' }).catch(ignoreClosed)
    else void request.abort('blockedbyclient').catch(ignoreClosed)
  })
}

// A request can outlive its page when the build stops early; nothing to do then.
function ignoreClosed(): void {}
