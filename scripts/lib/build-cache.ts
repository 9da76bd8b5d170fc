import { createHash } from 'node:crypto'
import { readdirSync, statSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeFileAtomic } from './write-file-atomic.ts'

/**
 * Where samizdat keeps results it can reuse between builds (rendered covers,
 * laid-out pieces): `SAMIZDAT_CACHE`, else `$XDG_CACHE_HOME/samizdat`, else
 * the package's `node_modules/.cache/samizdat`. `SAMIZDAT_CACHE=off` disables it.
 */
export function cacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const setting = env['SAMIZDAT_CACHE']
  if (setting === 'off' || setting === '0') return undefined
  if (setting) return path.resolve(setting)
  if (env['XDG_CACHE_HOME']) return path.join(env['XDG_CACHE_HOME'], 'samizdat')
  return fileURLToPath(new URL('../../node_modules/.cache/samizdat/', import.meta.url))
}

/** A stable key for everything that determines a cached result. */
export function cacheKey(...parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part).update('\0')
  return hash.digest('hex')
}

/**
 * The cached bytes for `kind`/`key`, made by `make` when absent. A cache that
 * cannot be read or written is only a slower build, never a failed one.
 */
export async function cached(kind: string, key: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const dir = cacheDir()
  if (!dir) return make()
  const file = path.join(dir, kind, key)
  const hit = await readFile(file).catch(() => undefined)
  if (hit) return new Uint8Array(hit)
  const data = await make()
  await mkdir(path.dirname(file), { recursive: true })
    .then(() => writeFileAtomic(file, data))
    .catch(() => undefined)
  return data
}

let version: string | undefined

/**
 * Which samizdat made a cached result: the version in package.json and the
 * size and time of every file under scripts/ and of package-lock.json (the
 * bundle runs only when it is as fresh as they are), so an edited or
 * upgraded samizdat never reads what an older one cached.
 */
export function codeVersion(): string {
  if (version) return version
  const root = fileURLToPath(new URL('../../', import.meta.url))
  const stamps: string[] = []
  const add = (file: string) => {
    const info = statSync(file, { throwIfNoEntry: false })
    if (info) stamps.push(`${path.relative(root, file)}:${info.size}:${info.mtimeMs}`)
  }
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else add(full)
    }
  }
  add(path.join(root, 'package.json'))
  add(path.join(root, 'package-lock.json'))
  walk(path.join(root, 'scripts'))
  version = cacheKey(...stamps.sort())
  return version
}
