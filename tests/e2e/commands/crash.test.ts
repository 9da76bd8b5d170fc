import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { before, test } from 'node:test'
import { runCli } from '../../helpers/build-cli.ts'

// A build whose browser dies, or that the writer interrupts, must fail
// clearly, leave the previous outputs as they were, and clean up after itself.
const book = path.join(import.meta.dirname, '..', '..', 'fixtures', 'print', 'book')
const bin = path.join(import.meta.dirname, '..', '..', '..', 'scripts', 'bin.js')
const out = mkdtempSync(path.join(tmpdir(), 'samizdat-crash-out-'))
let previous: Buffer

before(async () => {
  const run = await runCli(['build', book, '--out', out, '--format', 'pdf'], { timeoutMs: 180_000 })
  assert.equal(run.code, 0, run.stderr)
  previous = readFileSync(path.join(out, 'book.pdf'))
})

/** Chromium processes whose profile lives under `dir`. */
function chromiumUnder(dir: string): number[] {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n')
  return lines.filter((line) => line.includes(dir) && /chrom/i.test(line)).map((line) => Number.parseInt(line.trim(), 10))
}

/** Start a PDF build with its own temp dir; resolves once Chromium is running. */
async function buildUntilChromium(temp: string) {
  const child = spawn(process.execPath, [bin, 'build', book, '--out', out, '--format', 'pdf'], {
    env: { ...process.env, CI: '1', TMPDIR: temp },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })))
  const deadline = Date.now() + 60_000
  while (chromiumUnder(temp).length === 0) {
    assert.ok(Date.now() < deadline, `Chromium never started\n${stderr}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { child, exited, stderr: () => stderr }
}

function assertCleanedUp(temp: string): void {
  assert.deepEqual(chromiumUnder(temp), [], 'Chromium left running')
  // Only samizdat's own: Chromium itself may leave a shared-memory file when killed, tsx its compile cache.
  assert.deepEqual(readdirSync(temp).filter((name) => name.startsWith('samizdat-')), [], 'temp files left behind')
  assert.ok(readFileSync(path.join(out, 'book.pdf')).equals(previous), 'the previous book.pdf changed')
  assert.deepEqual(readdirSync(out).filter((name) => name.endsWith('.tmp')), [], 'partial outputs left in --out')
}

test('Chromium killed mid-build: a clear error, exit 1, the previous PDF intact, temp files removed', async () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'samizdat-crash-tmp-'))
  const build = await buildUntilChromium(temp)
  for (const pid of chromiumUnder(temp)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone: Chromium's helper processes die with their parent.
    }
  }
  const { code } = await build.exited
  assert.equal(code, 1, build.stderr())
  assert.match(build.stderr(), /book\.pdf.*print edition could not be made/s)
  assert.doesNotMatch(build.stderr(), /^\s+at /m, 'a stack trace reached the writer')
  assertCleanedUp(temp)
})

test('Ctrl-C mid-build: the build stops, the previous PDF intact, no Chromium and no temp files left', async () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'samizdat-crash-tmp-'))
  const build = await buildUntilChromium(temp)
  build.child.kill('SIGINT')
  const { code, signal } = await build.exited
  assert.ok(signal === 'SIGINT' || (code !== null && code !== 0), `exit ${code} ${signal}`)
  assertCleanedUp(temp)
})
