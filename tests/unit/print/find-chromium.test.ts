import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ChromiumNotFoundError, type ChromiumLookup, findChromium } from '../../../scripts/print/browser/find-chromium.ts'

/** A fake machine: `files` are the executables, directories are derived from them. */
function machine(files: readonly string[], env: Record<string, string> = {}, platform: NodeJS.Platform = 'linux') {
  const lookup: Partial<ChromiumLookup> = {
    env,
    platform,
    home: '/home/ada',
    isExecutable: (path) => files.includes(path),
    list(dir) {
      const prefix = dir.endsWith('/') ? dir : `${dir}/`
      const names = files.filter((file) => file.startsWith(prefix)).map((file) => file.slice(prefix.length).split('/')[0]!)
      return [...new Set(names)]
    },
  }
  return lookup
}

test('SAMIZDAT_CHROMIUM wins over everything', () => {
  const lookup = machine(['/opt/chrome', '/usr/bin/chromium', '/other'], {
    SAMIZDAT_CHROMIUM: '/opt/chrome',
    PUPPETEER_EXECUTABLE_PATH: '/other',
  })
  assert.equal(findChromium(lookup), '/opt/chrome')
})

test('PUPPETEER_EXECUTABLE_PATH comes next', () => {
  const lookup = machine(['/other', '/usr/bin/chromium'], { PUPPETEER_EXECUTABLE_PATH: '/other' })
  assert.equal(findChromium(lookup), '/other')
})

test('a variable pointing nowhere is an error naming it, not a silent fallback', () => {
  const lookup = machine(['/usr/bin/chromium'], { SAMIZDAT_CHROMIUM: '/nope/chrome' })
  assert.throws(() => findChromium(lookup), (error: Error) => {
    assert.ok(error instanceof ChromiumNotFoundError)
    assert.match(error.message, /SAMIZDAT_CHROMIUM=\/nope\/chrome is not an executable file/)
    return true
  })
})

test('system paths in order', () => {
  assert.equal(findChromium(machine(['/usr/bin/google-chrome', '/usr/bin/chromium-browser'])), '/usr/bin/chromium-browser')
  assert.equal(findChromium(machine(['/snap/bin/chromium'])), '/snap/bin/chromium')
})

test('macOS application bundles', () => {
  const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
  assert.equal(findChromium(machine([chrome, '/usr/bin/chromium'], {}, 'darwin')), chrome)
  const own = '/home/ada/Applications/Chromium.app/Contents/MacOS/Chromium'
  assert.equal(findChromium(machine([own], {}, 'darwin')), own)
})

test('puppeteer cache, newest build first', () => {
  const old = '/home/ada/.cache/puppeteer/chrome/linux-121.0.6167.85/chrome-linux64/chrome'
  const recent = '/home/ada/.cache/puppeteer/chrome/linux-131.0.6778.204/chrome-linux64/chrome'
  assert.equal(findChromium(machine([old, recent])), recent)
})

test('PUPPETEER_CACHE_DIR moves the cache', () => {
  const shell = '/cache/chrome-headless-shell/linux-131.0.6778.204/chrome-headless-shell-linux64/chrome-headless-shell'
  assert.equal(findChromium(machine([shell], { PUPPETEER_CACHE_DIR: '/cache' })), shell)
})

test('nothing found: the error names the fix', () => {
  assert.throws(
    () => findChromium(machine([])),
    /^ChromiumNotFoundError: Chromium not found\. On Debian\/Ubuntu: sudo apt-get install chromium \(or run `npm run setup`\); or set SAMIZDAT_CHROMIUM=\/path\/to\/chrome\.$/,
  )
})

