import { createHash } from 'node:crypto'
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
