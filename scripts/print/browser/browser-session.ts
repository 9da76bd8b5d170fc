import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core'
import { findChromium } from './find-chromium.ts'
import { networkIsolation, noNetworkSwitches, switchesReaching, type NetworkIsolation } from './network-isolation.ts'
import { type RefusedConnection, refusedError, refusedMarker, refuseSideDoors } from './refuse-side-doors.ts'
import { PipeTransport } from './pipe-transport.ts'
import { type SandboxRules, sandboxRequests } from './sandbox-requests.ts'
import { abortReason, withTimeLimit } from './time-limit.ts'

/** How to start the browser. */
export interface BrowserSessionOptions {
  /** Chromium to run; found with `findChromium` when absent. */
  readonly executablePath?: string
  /** Time limit for Chromium to start, in ms (default 30 s). */
  readonly launchTimeoutMs?: number
  /** Longest single DevTools call, in ms; must exceed every step's own limit (default 10 min). */
  readonly protocolTimeoutMs?: number
  /** Where the throw-away profile directory is made (default the OS temp dir). */
  readonly tempDir?: string
  /**
   * For tests only: an origin (`http://127.0.0.1:PORT`) the browser may reach, as a reader's browser reaches
   * `samizdat preview`. The browser then runs without a network namespace, on the no-route switches alone.
   */
  readonly reachableOrigin?: string
  readonly signal?: AbortSignal
}

/** What a page did that the build should report: refused requests and its errors. */
export interface PageLog {
  readonly blockedRequests: string[]
  /** Connections refused outside the request path (WebSocket, WebRTC, workers, windows). */
  readonly refused: RefusedConnection[]
  readonly messages: string[]
}

/** A page whose requests are sandboxed, with the log of what it tried and said. */
export interface SandboxedPage {
  readonly page: Page
  readonly log: PageLog
  /** Resolves once no request of the page is in flight (images a late layout asked for). */
  settled(): Promise<void>
}

/** The running browser, valid only inside the `withBrowser` callback. */
export interface BrowserSession {
  newPage(rules: SandboxRules): Promise<SandboxedPage>
  /** The profile directory, unique to this session (tests look for stray processes by it). */
  readonly userDataDir: string
}

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/**
 * Start Chromium, run `work` with it, and always stop it: after success,
 * failure, abort or a signal no Chromium process and no profile directory is
 * left behind. This module is the only owner of the browser's lifetime.
 */
export async function withBrowser<T>(
  options: BrowserSessionOptions,
  work: (session: BrowserSession) => Promise<T>,
): Promise<T> {
  const { signal } = options
  if (signal?.aborted) throw abortReason(signal)
  const executablePath = options.executablePath ?? findChromium()
  // Synchronous, so Chromium is spawned within this call: a caller that starts it early (before a long
  // synchronous read) really gets it started then, not once the event loop is free.
  const userDataDir = mkdtempSync(join(options.tempDir ?? tmpdir(), 'samizdat-chromium-'))
  let child: ChildProcess | undefined
  // A signal or `process.exit` can end node at any moment: kill synchronously.
  const emergencyStop = (): void => {
    killGroup(child)
    rmSync(userDataDir, { recursive: true, force: true })
  }
  const onSignal = (name: NodeJS.Signals): void => {
    emergencyStop()
    removeHandlers()
    // Re-raise so the process ends as the signal intends, unless someone else handles it.
    if (process.listenerCount(name) === 0) process.kill(process.pid, name)
  }
  const removeHandlers = (): void => {
    for (const name of signals) process.off(name, onSignal)
    process.off('exit', emergencyStop)
  }
  for (const name of signals) process.on(name, onSignal)
  process.on('exit', emergencyStop)

  let browser: Browser | undefined
  try {
    const started = startChromium(executablePath, userDataDir, options.reachableOrigin)
    child = started.child
    browser = await withTimeLimit(
      connect(started, executablePath, options.protocolTimeoutMs ?? 600_000),
      'Starting Chromium',
      options.launchTimeoutMs ?? 30_000,
      signal,
      () => `${executablePath} did not answer`,
    )
    const running = browser
    // Chromium's first tab (about:blank) holds a renderer process for nothing: closed once there is another page.
    let firstTabs: Promise<Page[]> | undefined = running.pages()
    const newPage = async (rules: SandboxRules): Promise<SandboxedPage> => {
      const opened = await openPage(running, rules)
      const tabs = firstTabs
      firstTabs = undefined
      for (const tab of (await tabs?.catch(() => [])) ?? []) await tab.close().catch(() => undefined)
      return opened
    }
    return await work({ userDataDir, newPage })
  } finally {
    await stop(browser, child)
    removeHandlers()
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 })
  }
}

interface StartedChromium {
  readonly child: ChildProcess
  /** The end of what Chromium wrote to stderr, for error messages. */
  readonly stderr: () => string
}

/**
 * Spawn Chromium ourselves rather than through `puppeteer.launch`, so its pid
 * is ours from the first moment: a launch that hangs or fails can be killed
 * and explained (puppeteer's pipe mode neither exposes the process before the
 * browser answers nor keeps its stderr).
 */
function startChromium(executablePath: string, userDataDir: string, reachableOrigin: string | undefined): StartedChromium {
  const isolation = reachableOrigin ? undefined : networkIsolation()
  if (isolation) announce(isolation)
  const extra = [
    // No route anywhere, whatever the page tries (see network-isolation.ts).
    ...(reachableOrigin ? switchesReaching(reachableOrigin) : noNetworkSwitches),
    '--disable-gpu',
    '--disable-component-update',
    // No spare renderer kept warm beside each page: about 100 MB a browser, and pages are opened one at a time.
    '--disable-features=SpareRendererForSitePerProcess',
    // Paged.js reads the book's stylesheets with XHR; the request sandbox still decides which files.
    '--allow-file-access-from-files',
  ]
  // Chromium refuses to run as root with its sandbox on.
  if (process.getuid?.() === 0) extra.push('--no-sandbox')
  // puppeteer's defaults: headless, no first run, no sync, no background networking, …
  const args = [...puppeteer.defaultArgs({ headless: true, userDataDir, args: extra }), '--remote-debugging-pipe']
  const [command = executablePath, ...prefix] = [...(isolation?.wrapper ?? []), executablePath]
  const child = spawn(command, [...prefix, ...args], {
    // Its own process group, so that the browser and all its helpers can be killed at once.
    detached: process.platform !== 'win32',
    // fd 3 and 4 carry the DevTools protocol; a pipe dies with node, and Chromium with it.
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  })
  let tail = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000)
  })
  return { child, stderr: () => tail }
}

let announced = false

/** Under SAMIZDAT_DEBUG, say once which network isolation is in force. */
function announce(isolation: NetworkIsolation): void {
  if (announced || !process.env['SAMIZDAT_DEBUG']) return
  announced = true
  process.stderr.write(`samizdat: ${isolation.description}\n`)
}

async function connect(started: StartedChromium, executablePath: string, protocolTimeout: number): Promise<Browser> {
  const { child } = started
  const toBrowser = child.stdio[3] as Writable
  const fromBrowser = child.stdio[4] as Readable
  // Why it stopped, if it did: the exit says more than the broken pipe puppeteer sees first.
  const ended = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(error.message))
    child.once('exit', (code, by) => resolve(`it exited (${by ?? `code ${code}`})`))
  })
  try {
    const transport = new PipeTransport(toBrowser, fromBrowser)
    const connecting = puppeteer.connect({ transport, defaultViewport: null, protocolTimeout })
    return await Promise.race([connecting, ended.then((why) => Promise.reject(new Error(why)))])
  } catch (error) {
    const settle = new Promise<string | undefined>((resolve) => setTimeout(resolve, 500, undefined))
    const reason = (await Promise.race([ended, settle])) ?? (error instanceof Error ? error.message : String(error))
    const said = started
      .stderr()
      .split('\n')
      .filter((line) => line.trim())
      .slice(-5)
      .join('\n')
    throw new Error(`Chromium (${executablePath}) did not start: ${reason}${said ? `. It said:\n${said}` : ''}`, {
      cause: error,
    })
  }
}

async function openPage(browser: Browser, rules: SandboxRules): Promise<SandboxedPage> {
  const page = await browser.newPage()
  const log: PageLog = { blockedRequests: [], refused: [], messages: [] }
  page.on('console', (message) => {
    const type = message.type()
    if (type !== 'error' && type !== 'warn') return
    const text = message.text()
    // Failed loads are reported once, with their URL, by the requestfailed handler below.
    if (text.startsWith('Failed to load resource:') || text.startsWith(refusedMarker)) return
    const where = message.location().url
    log.messages.push(`console.${type}: ${text}${where ? ` (${where})` : ''}`)
  })
  page.on('pageerror', (error) => {
    const text = error instanceof Error ? error.message : String(error)
    // A refusal of refuseSideDoors, reported there with its URL.
    if (!text.includes(refusedError)) log.messages.push(`page error: ${text}`)
  })
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed'
    // Refused by the sandbox (a navigation answered 204 ends as ERR_ABORTED): reported once, as refused.
    if (!reason.includes('ERR_BLOCKED_BY_CLIENT') && !log.blockedRequests.includes(request.url())) log.messages.push(`could not load ${request.url()}: ${reason}`)
  })
  page.on('error', (error) => {
    log.messages.push(`page crashed: ${error.message}`)
  })
  const inFlight = new Set<HTTPRequest>()
  // Only the document's own: a worker's request (one that slipped past refuseSideDoors) may never end.
  page.on('request', (request) => {
    if (request.frame()) inFlight.add(request)
  })
  page.on('requestfinished', (request) => inFlight.delete(request))
  page.on('requestfailed', (request) => inFlight.delete(request))
  const settled = async (): Promise<void> => {
    while (inFlight.size > 0) await new Promise((resolve) => setTimeout(resolve, 10))
  }
  const stopWatching = await refuseSideDoors(page, (refused) => {
    if (!log.refused.some((seen) => seen.what === refused.what && seen.url === refused.url)) log.refused.push(refused)
  })
  page.once('close', stopWatching)
  await sandboxRequests(page, rules, (url) => {
    if (!log.blockedRequests.includes(url)) log.blockedRequests.push(url)
  })
  return { page, log, settled }
}

/** Close gracefully; if that hangs or fails, kill the whole process group. */
async function stop(browser: Browser | undefined, child: ChildProcess | undefined): Promise<void> {
  if (browser) {
    await withTimeLimit(browser.close(), 'Closing Chromium', 5_000).catch(() => killGroup(child))
  }
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((done) => child.once('exit', done))
    // Without a browser to ask (a failed start), or if it does not go within 5 s: kill.
    if (!browser) killGroup(child)
    await withTimeLimit(exited, 'Stopping Chromium', 5_000).catch(() => killGroup(child))
  }
  // Helpers that outlive the browser process still hold its group id (so it
  // cannot have been reused): take them down too.
  killGroup(child, true)
}

/**
 * SIGKILL Chromium's process group (we spawn it detached, so the
 * group holds the browser, its zygotes and renderers and nothing else).
 */
function killGroup(child: ChildProcess | null | undefined, evenAfterExit = false): void {
  const pid = child?.pid
  if (!child || pid === undefined) return
  if (!evenAfterExit && (child.exitCode !== null || child.signalCode !== null)) return
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}
