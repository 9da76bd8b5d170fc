import { accessSync, constants, readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** What `findChromium` may look at; tests pass a fake filesystem and environment. */
export interface ChromiumLookup {
  readonly env: Readonly<Record<string, string | undefined>>
  readonly platform: NodeJS.Platform
  readonly home: string
  /** True when `path` is an executable file. */
  readonly isExecutable: (path: string) => boolean
  /** Entry names of a directory, or [] when it does not exist. */
  readonly list: (dir: string) => readonly string[]
}

/** Thrown when no Chromium can be found; its message says how to get one. */
export class ChromiumNotFoundError extends Error {
  constructor(detail?: string) {
    super(
      (detail ? `${detail} ` : '') +
        'Chromium not found. On Debian/Ubuntu: sudo apt-get install chromium (or run `npm run setup`); ' +
        'or set SAMIZDAT_CHROMIUM=/path/to/chrome.',
    )
    this.name = 'ChromiumNotFoundError'
  }
}

const linuxPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
]

const macApps = [
  'Chromium.app/Contents/MacOS/Chromium',
  'Google Chrome.app/Contents/MacOS/Google Chrome',
  'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
]

const realLookup: ChromiumLookup = {
  env: process.env,
  platform: process.platform,
  home: homedir(),
  isExecutable(path) {
    try {
      accessSync(path, constants.X_OK)
      return true
    } catch {
      return false
    }
  },
  list(dir) {
    try {
      return readdirSync(dir)
    } catch {
      return []
    }
  },
}

/**
 * Path of the Chromium to drive: `SAMIZDAT_CHROMIUM`, then
 * `PUPPETEER_EXECUTABLE_PATH`, then the usual system paths, then Puppeteer's
 * browser cache. Throws `ChromiumNotFoundError` naming the fix.
 */
export function findChromium(overrides: Partial<ChromiumLookup> = {}): string {
  const lookup: ChromiumLookup = { ...realLookup, ...overrides }
  for (const name of ['SAMIZDAT_CHROMIUM', 'PUPPETEER_EXECUTABLE_PATH']) {
    const path = lookup.env[name]
    if (!path) continue
    // A variable the user set on purpose must not be skipped silently.
    if (!lookup.isExecutable(path)) throw new ChromiumNotFoundError(`${name}=${path} is not an executable file.`)
    return path
  }
  const found = systemPaths(lookup).find((path) => lookup.isExecutable(path))
  if (found) return found
  const cached = cachedPaths(lookup).find((path) => lookup.isExecutable(path))
  if (cached) return cached
  throw new ChromiumNotFoundError()
}

function systemPaths(lookup: ChromiumLookup): string[] {
  if (lookup.platform === 'darwin') {
    return ['/Applications', join(lookup.home, 'Applications')].flatMap((dir) => macApps.map((app) => join(dir, app)))
  }
  return linuxPaths
}

/**
 * Browsers `npx @puppeteer/browsers install` left in the cache, newest build
 * first. Layout: `<cache>/<browser>/<platform>-<build>/<folder>/<binary>`.
 */
function cachedPaths(lookup: ChromiumLookup): string[] {
  const cache = lookup.env['PUPPETEER_CACHE_DIR'] ?? join(lookup.home, '.cache', 'puppeteer')
  const binaries: Record<string, readonly string[]> =
    lookup.platform === 'darwin'
      ? {
          chrome: [
            'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
            'chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
          ],
          'chrome-headless-shell': [
            'chrome-headless-shell-mac-arm64/chrome-headless-shell',
            'chrome-headless-shell-mac-x64/chrome-headless-shell',
          ],
        }
      : {
          chrome: ['chrome-linux64/chrome'],
          'chrome-headless-shell': ['chrome-headless-shell-linux64/chrome-headless-shell'],
        }
  const paths: { build: number[]; path: string }[] = []
  for (const [browser, relatives] of Object.entries(binaries)) {
    for (const entry of lookup.list(join(cache, browser))) {
      const build = entry.slice(entry.indexOf('-') + 1).split('.').map(Number)
      for (const relative of relatives) paths.push({ build, path: join(cache, browser, entry, relative) })
    }
  }
  return paths.sort((a, b) => compareBuilds(b.build, a.build)).map((entry) => entry.path)
}

function compareBuilds(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0)
    if (difference !== 0 && !Number.isNaN(difference)) return difference
  }
  return 0
}
