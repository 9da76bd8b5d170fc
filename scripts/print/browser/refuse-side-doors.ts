import type { Page, Target } from 'puppeteer-core'

/** A connection the page tried by a way that is not a request (a WebSocket, a peer connection, a worker, a window). */
export interface RefusedConnection {
  /** What was tried, in words: `a WebSocket`, `a new window`, … */
  readonly what: string
  readonly url: string
}

/** The end of the error a refused constructor throws (page errors with it are not reported twice). */
export const refusedError = 'refused by samizdat: a book has no network'

/** What the page script says on the console when it refuses something; the rest of the line is JSON. */
export const refusedMarker = 'samizdat-refused '

/**
 * Runs in every frame before the book's scripts (trusted raw HTML): the
 * constructors that open connections outside the request path are replaced by
 * ones that refuse, and say so. Nothing in the book's print layout needs them.
 * This is not the barrier (a script can reach a fresh frame's originals; the
 * browser has no route anyway, see network-isolation.ts); it reports what was
 * tried and keeps a refused popup or worker from stalling the layout.
 */
function pageScript(marker: string, refusal: string): void {
  const refuse = (what: string, url: unknown): never => {
    console.warn(marker + JSON.stringify({ what, url: String(url) }))
    throw new DOMException(`${what} ${refusal}`, 'SecurityError')
  }
  const replace = (name: string, what: string, urlOf: (args: unknown[]) => unknown): void => {
    if (!(name in globalThis)) return
    Object.defineProperty(globalThis, name, {
      configurable: false,
      writable: false,
      value: function refused(...args: unknown[]) {
        return refuse(what, urlOf(args))
      },
    })
  }
  replace('WebSocket', 'a WebSocket', (args) => args[0])
  replace('WebTransport', 'a WebTransport session', (args) => args[0])
  const iceUrls = (args: unknown[]) =>
    ((args[0] as { iceServers?: { urls?: unknown }[] } | undefined)?.iceServers ?? []).map((server) => String(server.urls)).join(' ') || '(no server)'
  replace('RTCPeerConnection', 'a WebRTC peer connection', iceUrls)
  replace('webkitRTCPeerConnection', 'a WebRTC peer connection', iceUrls)
  replace('SharedWorker', 'a shared worker', (args) => args[0])
  replace('Worker', 'a worker', (args) => args[0])
  // A form's navigation, even one the request sandbox refuses, stops the rest of the page from loading.
  for (const method of ['submit', 'requestSubmit'] as const) {
    Object.defineProperty(HTMLFormElement.prototype, method, {
      configurable: false,
      writable: false,
      value: function refused(this: HTMLFormElement) {
        console.warn(marker + JSON.stringify({ what: 'a form submission', url: this.action }))
      },
    })
  }
  Object.defineProperty(window, 'open', {
    configurable: false,
    writable: false,
    value: (url: unknown) => {
      console.warn(marker + JSON.stringify({ what: 'a new window', url: String(url ?? '') }))
      return null
    },
  })
}

/**
 * Refuse, in `page` and every frame of it, what request interception cannot
 * see (WebSocket, WebRTC, workers, `window.open`), and report each attempt
 * through `onRefused`; close any other page the browser opens anyway.
 */
export async function refuseSideDoors(page: Page, onRefused: (refused: RefusedConnection) => void): Promise<() => void> {
  // SAMIZDAT_PAGE_GUARD=off: only for the tests that prove the browser's own isolation holds without this.
  if (process.env['SAMIZDAT_PAGE_GUARD'] !== 'off') {
    // Sent as source, with the no-op `__name` tsx's keepNames needs (see layout/run-in-page.ts).
  await page.evaluateOnNewDocument(`(() => { const __name = (target) => target; (${pageScript.toString()})(${JSON.stringify(refusedMarker)}, ${JSON.stringify(refusedError)}) })()`)
  }
  page.on('console', (message) => {
    const text = message.text()
    if (!text.startsWith(refusedMarker)) return
    try {
      onRefused(JSON.parse(text.slice(refusedMarker.length)) as RefusedConnection)
    } catch {
      // Not ours after all: a script that printed our marker.
    }
  })
  const browser = page.browser()
  // A window or worker opened past the page script (from a fresh frame's own constructors): reported, and
  // a window closed at once. Workers in a browser with no route reach nothing either.
  const onTarget = (target: Target): void => {
    const kind = target.type()
    if (kind === 'page' && target.opener() === page.target()) {
      onRefused({ what: 'a new window', url: target.url() })
      void target.page().then((opened) => opened?.close()).catch(() => undefined)
    } else if (kind === 'shared_worker' || kind === 'service_worker') {
      onRefused({ what: `a ${kind.replace('_', ' ')}`, url: target.url() })
    }
  }
  browser.on('targetcreated', onTarget)
  return () => browser.off('targetcreated', onTarget)
}
