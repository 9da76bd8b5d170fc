import { createReadStream, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { toHtml } from 'hast-util-to-html'
import { h } from 'hastscript'
import { clientPath, previewClientSource } from './preview-client.ts'
import { resolveBuildFile } from './resolve-build-file.ts'
import { pagedPath, type PreviewPages } from './preview-views.ts'
import { imageTypes } from '../lib/image-types.ts'

/** What the server shows: the build folder, its pages, and the state of the last rebuild. */
export interface PreviewServerOptions {
  /** The preview build folder: the only files served. */
  readonly root: string
  readonly host: string
  /** 0 for any free port. */
  readonly port: number
  readonly pages: () => PreviewPages | undefined
  /** Called before a file is served: bring its view up to date. */
  readonly prepare?: (pathname: string) => Promise<void>
  /** The build the pages show, and the errors of the last rebuild when it failed. */
  readonly state: () => { readonly build: number; readonly problem?: string }
}

/** The running preview server. */
export interface PreviewServer {
  readonly url: string
  readonly port: number
  /** Tell every open preview page: `reload` after a rebuild, `problem` with the errors of a failed one. */
  broadcast(event: 'reload' | 'problem', data: unknown): void
  close(): Promise<void>
}

const types: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.xhtml': 'application/xhtml+xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  ...imageTypes,
}

// Same-origin only: the book's sanitised HTML, the client and Paged.js (which inserts <style> elements); framed only by the EPUB reader page.
// The reader's own browser has none of the print browser's isolation: no inline script of trusted HTML runs here,
// no worker starts, and the sandbox refuses popups, forms and taking the top window elsewhere
// (https://www.w3.org/TR/CSP3/#directive-sandbox).
const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'none'; object-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox allow-scripts allow-same-origin"

// The package's `exports` hide `dist/`; reach it from the resolvable CommonJS entry (as browser/paged-layout.ts does).
const pagedFile = path.join(path.dirname(createRequire(import.meta.url).resolve('pagedjs')), '..', 'dist', 'paged.polyfill.js')

/**
 * Serve a preview build on `host:port`: `/` the paginated print view,
 * `/epub` the EPUB's reflowable view, `/web` the
 * web edition, `/events` Server-Sent Events for live reload. Only files inside
 * `root` are served, never a listing, and only to requests addressed to this
 * machine by name (a DNS-rebinding page cannot read the book).
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const clients = new Set<ServerResponse>()
  const client = previewClientSource()
  let paged: string | undefined
  let allowedHosts = new Set<string>()
  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, `preview error: ${error instanceof Error ? error.message : String(error)}`)
      else response.destroy()
    })
  })
  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (!allowedHosts.has((request.headers.host ?? '').toLowerCase()) && !isAnyHost(options.host)) {
      send(response, 403, 'Forbidden host')
      return
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'Method not allowed', { allow: 'GET, HEAD' })
      return
    }
    const { pathname } = new URL(request.url ?? '/', 'http://preview.invalid')
    const pages = options.pages()
    if (pathname === '/favicon.ico') {
      send(response, 204, '')
      return
    }
    if (pathname === '/events') {
      openEvents(request, response)
      return
    }
    if (pathname === clientPath) {
      send(response, 200, client, { 'content-type': types['.js']! }, request)
      return
    }
    if (pathname === pagedPath) {
      send(response, 200, (paged ??= readFileSync(pagedFile, 'utf8')), { 'content-type': types['.js']! }, request)
      return
    }
    if (!pages) {
      const { build, problem } = options.state()
      // No good build yet: show the errors, with the client, so the page turns into the book once they are fixed.
      if (problem !== undefined) send(response, 200, problemPage(problem, build), { 'content-type': types['.html']! }, request)
      else send(response, 503, 'The first build is not ready yet: reload in a moment', { 'retry-after': '1' })
      return
    }
    const redirects: Record<string, string | undefined> = { '/': pages.print, '/epub': pages.epub, '/web': pages.web, '/print': pages.print }
    const target = redirects[pathname.replace(/\/$/, '') || '/']
    if (target) {
      send(response, 302, '', { location: target })
      return
    }
    await options.prepare?.(pathname)
    const file = resolveBuildFile(options.root, pathname)
    if (!file) {
      send(response, 404, 'Not found')
      return
    }
    response.writeHead(200, { ...securityHeaders, 'content-type': types[path.extname(file).toLowerCase()] ?? 'application/octet-stream' })
    if (request.method === 'HEAD') {
      response.end()
      return
    }
    createReadStream(file)
      .on('error', () => response.destroy())
      .pipe(response)
  }
  const openEvents = (request: IncomingMessage, response: ServerResponse): void => {
    response.writeHead(200, { ...securityHeaders, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' })
    response.write(`retry: 500\n${message('hello', options.state())}`)
    clients.add(response)
    request.on('close', () => clients.delete(response))
  }
  // Idle connections through proxies and sleeping laptops need a sign of life.
  const heartbeat = setInterval(() => {
    for (const response of clients) response.write(': still here\n\n')
  }, 15_000)
  heartbeat.unref()
  const port = await listen(server, options.host, options.port)
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host
  allowedHosts = new Set([`${shownHost}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`])
  return {
    url: `http://${isAnyHost(options.host) ? '127.0.0.1' : shownHost}:${port}/`,
    port,
    broadcast(event, data) {
      for (const response of clients) response.write(message(event, data))
    },
    async close() {
      clearInterval(heartbeat)
      for (const response of clients) response.end()
      clients.clear()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

const securityHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': contentSecurityPolicy,
  // Chromium's name lookups ahead of links are not covered by CSP.
  'x-dns-prefetch-control': 'off',
}

/** The page shown while the book has never built: its errors, and the live-reload client. */
function problemPage(problem: string, build: number): string {
  const page = h('html', { lang: 'en' }, [
    h('head', [h('meta', { charset: 'utf-8' }), h('title', 'samizdat preview: errors'), h('script', { src: `${clientPath}?build=${build}` })]),
    h('body', { style: 'font: 15px/1.5 system-ui, sans-serif; margin: 2rem' }, [
      h('h1', 'The book does not build yet'),
      h('p', 'Fix these problems and save: this page turns into the book.'),
      h('pre', { style: 'white-space: pre-wrap' }, problem),
    ]),
  ])
  return toHtml({ type: 'root', children: [{ type: 'doctype' }, page] })
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}, request?: IncomingMessage): void {
  response.writeHead(status, { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8', ...headers })
  response.end(request?.method === 'HEAD' ? undefined : body)
}

/** One Server-Sent Event (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation). */
function message(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
}

function isAnyHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::'
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}
