import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { runCli } from '../../helpers/build-cli.ts'
import { startNetworkTrap } from '../../helpers/network-trap.ts'

// One book holding every side door (tests/fixtures/bad/network), built once per mode, against a TCP and a UDP
// listener on loopback: no mode may let one connection or one packet through.
const fixture = path.join(import.meta.dirname, '..', '..', 'fixtures', 'bad', 'network')
const work = mkdtempSync(path.join(tmpdir(), 'samizdat-network-'))
after(() => rmSync(work, { recursive: true, force: true }))
const secret = 'SECRET-OUTSIDE-THE-BOOK'

interface CorpusRun {
  readonly code: number | null
  readonly stderr: string
  readonly connections: readonly string[]
  readonly packets: readonly string[]
  readonly pdfText: string
  /** The trap's `127.0.0.1:PORT`, put in for TRAP. */
  readonly host: string
}

/** Build the corpus with the trap's address put in, and count what reached the trap. */
async function buildCorpus(name: string, options: { trusted: boolean; env?: NodeJS.ProcessEnv; drop?: RegExp }): Promise<CorpusRun> {
  const trap = await startNetworkTrap()
  try {
    const dir = path.join(work, name)
    cpSync(fixture, dir, { recursive: true })
    const outside = path.join(work, `${name}-secret.txt`)
    writeFileSync(outside, secret)
    writeFileSync(path.join(dir, 'book.yaml'), `title: Side doors\ntrustedHtml: ${options.trusted}\n`)
    for (const chapter of readdirSync(dir).filter((file) => file.endsWith('.md'))) {
      const file = path.join(dir, chapter)
      const lines = readFileSync(file, 'utf8').split('\n')
      const kept = options.drop ? lines.filter((line) => !options.drop?.test(line)) : lines
      writeFileSync(file, kept.join('\n').replaceAll('TRAP', trap.host).replaceAll('OUTSIDE', `file://${outside}`))
    }
    const out = path.join(work, `${name}-out`)
    const env = { TMPDIR: work, SAMIZDAT_CACHE: 'off', SAMIZDAT_DEBUG: '1', ...options.env }
    const run = await runCli(['build', dir, '--out', out, '--format', 'pdf', '--verbose'], { env, timeoutMs: 120_000 })
    // Anything late (a retry, a packet in flight) has had time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300))
    const pdfText = run.code === 0 ? execFileSync('pdftotext', [path.join(out, 'book.pdf'), '-']).toString() : ''
    return { code: run.code, stderr: run.stderr, connections: [...trap.connections], packets: [...trap.packets], pdfText, host: trap.host }
  } finally {
    await trap.close()
  }
}

/** Nothing reached the trap, nothing outside the book was read, and the book was still made. */
function assertNothingOut(run: CorpusRun, lastWords = /The chapter ends here/): void {
  assert.equal(run.code, 0, run.stderr)
  assert.deepEqual(run.connections, [], 'TCP connections reached the trap')
  assert.deepEqual(run.packets, [], 'UDP packets reached the trap')
  assert.ok(!run.pdfText.includes(secret), 'a file outside the book was read into the PDF')
  assert.match(run.pdfText, lastWords)
}

/** The line where the element holding `needle` starts: the nearest line at or above it that opens a tag. */
function elementLine(chapter: string, needle: string): number {
  const lines = readFileSync(path.join(fixture, chapter), 'utf8').split('\n')
  // A needle may end with the backquote that closes the URL in the message.
  const at = lines.findIndex((line) => line.includes(needle.replace(/`$/, '')))
  assert.ok(at >= 0, `${needle} is not in ${chapter}`)
  let start = at
  while (start > 0 && !lines[start]!.startsWith('<')) start--
  return start + 1
}

/**
 * Each attempt is a warning with its rule at the line of the element that made it; a refusal by the browser
 * also names the URL (`needle`, with TRAP for the trap's address, OUTSIDE for the file outside the book).
 */
function assertReported(run: CorpusRun, chapter: string, expected: readonly (readonly [needle: string, rule: string])[]): void {
  const warnings = run.stderr.split('\n').filter((line) => line.includes(`${chapter}:`))
  for (const [needle, rule] of expected) {
    const place = new RegExp(`${chapter}:${elementLine(chapter, needle)}:\\d+ +warning `)
    const named = rule === 'blocked-request' || rule === 'refused-connection'
    const found = warnings.find((line) => place.test(line) && line.includes(rule) && (!named || line.includes(needle.replace('TRAP', run.host).replace('OUTSIDE', 'secret.txt'))))
    assert.ok(found, `no ${rule} warning for ${needle} at ${place.source}:\n${run.stderr}`)
  }
}

// Every side door of the first chapter, and how its refusal is reported under `trustedHtml: true`.
const trustedReports = [
  ['/t-ws`', 'refused-connection'],
  ['stun:TRAP`', 'refused-connection'],
  ['/t-popup`', 'refused-connection'],
  ['/t-shared-worker-fetch', 'refused-connection'],
  ['/t-import-scripts', 'refused-connection'],
  ['/t-event-source`', 'blocked-request'],
  ['/t-beacon`', 'blocked-request'],
  ['rel="preconnect"', 'unsafe-html'],
  ['rel="dns-prefetch"', 'unsafe-html'],
  ['/t-prefetch`', 'blocked-request'],
  ['/t-preload.css`', 'blocked-request'],
  ['/t-modulepreload.js`', 'blocked-request'],
  ['http-equiv="refresh"', 'unsafe-html'],
  ['/t-css-import.css`', 'blocked-request'],
  ['/t-css-url.png`', 'blocked-request'],
  ['/t-image-set.png`', 'blocked-request'],
  ['/t-svg-image.png`', 'blocked-request'],
  ['/t-fe-image.png`', 'blocked-request'],
  ['/t-srcdoc`', 'blocked-request'],
  ['/t-fetch`', 'blocked-request'],
  ['/t-xhr`', 'blocked-request'],
  ['OUTSIDE`', 'blocked-request'],
  ['/t-fresh-ws`', 'refused-connection'],
  ['stun:TRAP?fresh`', 'refused-connection'],
  ['/t-fresh-popup`', 'refused-connection'],
  ['/t-fresh-shared-worker', 'refused-connection'],
  ['/t-fresh-worker', 'refused-connection'],
  ['/t-form`', 'refused-connection'],
] as const

describe('network corpus: no side door of the browser leads anywhere', () => {
  test('trusted HTML, one-piece layout, the strongest isolation the machine allows', async () => {
    const run = await buildCorpus('one-piece', { trusted: true })
    assertNothingOut(run)
    assert.match(run.stderr, /^samizdat: Chromium (runs in a network namespace of its own|has no network namespace)/m)
    assertReported(run, '01-side-doors.md', trustedReports)
  })

  test('trusted HTML, one-piece layout, without a network namespace (the fallback switches)', async () => {
    const run = await buildCorpus('no-namespace', { trusted: true, env: { SAMIZDAT_NETNS: 'off' } })
    assertNothingOut(run)
    assert.match(run.stderr, /^samizdat: Chromium has no network namespace \(SAMIZDAT_NETNS=off\)/m)
    assertReported(run, '01-side-doors.md', trustedReports)
  })

  test('trusted HTML, laid out in parts in parallel browsers, without a namespace', async () => {
    const env = { SAMIZDAT_NETNS: 'off', SAMIZDAT_PDF_PARALLEL: '1', SAMIZDAT_PDF_PART_CHARS: '400', SAMIZDAT_PDF_WORKERS: '2' }
    const run = await buildCorpus('parts', { trusted: true, env })
    assertNothingOut(run)
    assert.match(run.pdfText, /The second part ends here/)
    assertReported(run, '01-side-doors.md', trustedReports)
    assertReported(run, '02-second-part.md', [
      ['/t-part-ws`', 'refused-connection'],
      ['/t-part-fetch`', 'blocked-request'],
      ['/t-part-img.png', 'image-not-local'],
    ])
  })

  test("the browser's own switches hold alone: no namespace, no page guard", async () => {
    // Without the page guard a shared worker stalls Paged.js (it still reaches nothing): left out here.
    const run = await buildCorpus('switches-alone', { trusted: true, env: { SAMIZDAT_NETNS: 'off', SAMIZDAT_PAGE_GUARD: 'off' }, drop: /SharedWorker/ })
    // A form's navigation (refused) stops the page from loading what follows it.
    assertNothingOut(run, /Set from far away/)
    assert.match(run.stderr, /WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/t-ws' failed: .*ERR_PROXY_CONNECTION_FAILED/)
  })

  test('untrusted HTML: every side door is removed before layout, at its place', async () => {
    const run = await buildCorpus('untrusted', { trusted: false })
    assertNothingOut(run)
    assert.doesNotMatch(run.stderr, /blocked-request|refused-connection/)
    assertReported(run, '01-side-doors.md', [
      ['/t-ws', 'unsafe-html'],
      ['rel="preconnect"', 'unsafe-html'],
      ['@import', 'unsafe-html'],
      ['<svg', 'unsafe-html'],
      ['srcdoc', 'unsafe-html'],
      ['/t-form', 'unsafe-html'],
    ])
  })
})
