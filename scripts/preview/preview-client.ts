/** Where preview pages load the client from; `?build=N` says which build the page shows. */
export const clientPath = '/__samizdat/client.js'

/** The script the preview serves at {@link clientPath}: the browser side of live reload. */
export function previewClientSource(): string {
  // tsx compiles with esbuild's `keepNames`, whose `__name` helper exists only in node (see browser/run-in-page.ts).
  return `(() => { const __name = (target) => target; (${previewClient.toString()})() })()\n`
}

/**
 * Runs in the reader's browser, in preview pages only. Listens to `/events`:
 * `reload` after a rebuild (keeping the scroll position across the reload,
 * once Paged.js has laid the pages out again), `problem` to show the
 * rebuild's errors over the last good build, `hello` on (re)connection, so a
 * page that missed a rebuild catches up.
 */
function previewClient(): void {
  const script = document.currentScript as HTMLScriptElement | null
  const shown = Number(new URL(script?.src ?? location.href).searchParams.get('build') ?? '0')
  const key = `samizdat-scroll:${location.pathname}`
  const overlayId = 'samizdat-preview-problem'

  const frameKey = `samizdat-frame:${location.pathname}`
  const frame = (): HTMLIFrameElement | null => document.querySelector('iframe[name="book"]')

  const reload = (): void => {
    const height = document.documentElement.scrollHeight || 1
    sessionStorage.setItem(key, String(window.scrollY / height))
    // The EPUB reader page: come back to the document being read, not the first one.
    const shownDocument = frame()?.contentWindow?.location
    if (shownDocument?.pathname) sessionStorage.setItem(frameKey, shownDocument.pathname + shownDocument.hash)
    location.reload()
  }

  const restoreFrame = (): void => {
    const saved = sessionStorage.getItem(frameKey)
    sessionStorage.removeItem(frameKey)
    const element = frame()
    if (saved && element) element.src = saved
  }

  // Paged.js replaces the document's height as it lays out pages: wait until the page is tall enough again.
  const restore = (): void => {
    const saved = sessionStorage.getItem(key)
    if (saved === null) return
    sessionStorage.removeItem(key)
    const ratio = Number(saved)
    const started = Date.now()
    const step = (): void => {
      const height = document.documentElement.scrollHeight
      const target = ratio * height
      if (target + window.innerHeight <= height || Date.now() - started > 15_000) {
        window.scrollTo(0, target)
        if (Date.now() - started < 3_000) setTimeout(step, 250)
        return
      }
      setTimeout(step, 100)
    }
    step()
  }

  const showProblem = (text: string): void => {
    let box = document.getElementById(overlayId)
    if (!box) {
      box = document.createElement('div')
      box.id = overlayId
      box.setAttribute('role', 'alert')
      box.style.cssText =
        'position:fixed;inset:auto 1rem 1rem 1rem;max-height:45vh;overflow:auto;z-index:2147483647;' +
        'background:#fff8f6;color:#611;border:2px solid #b22;border-radius:6px;padding:.75rem 1rem;' +
        'font:13px/1.45 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;box-shadow:0 4px 24px #0004'
      // Outside <body>: Paged.js paginates the body, and the message must not become part of a page.
      document.documentElement.append(box)
    }
    const heading = document.createElement('strong')
    heading.textContent = 'samizdat: the last edit has errors; this is the last good build.\n\n'
    const body = document.createElement('span')
    body.textContent = text
    box.replaceChildren(heading, body)
  }

  const clearProblem = (): void => {
    document.getElementById(overlayId)?.remove()
  }

  const events = new EventSource('/events')
  events.addEventListener('hello', (event) => {
    const state = JSON.parse((event as MessageEvent<string>).data) as { build: number; problem?: string }
    if (state.build !== shown) reload()
    else if (state.problem) showProblem(state.problem)
    else clearProblem()
  })
  events.addEventListener('reload', () => reload())
  events.addEventListener('problem', (event) => showProblem(JSON.parse((event as MessageEvent<string>).data) as string))
  const restoreAll = (): void => {
    restore()
    restoreFrame()
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', restoreAll)
  else restoreAll()
}
