import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { mkdir, readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { PageLog } from '../browser/browser-session.ts'
import { cacheDir } from '../../lib/build-cache.ts'
import type { PageMap } from '../layout/read-page-map.ts'
import { writeFileAtomic } from '../../lib/write-file-atomic.ts'

/** What the layout of a part tells the other parts: its length and where its ids are. */
export interface PieceLayout {
  readonly pageCount: number
  readonly places: Record<string, number>
}

/** A printed part as cached: Chromium's PDF, its page map and what the page reported. */
export interface CachedPrint {
  readonly raw: Uint8Array
  readonly map: PageMap
  readonly log: PageLog
  readonly foreign: readonly string[]
}

// Bump when the way a part is laid out or printed changes in code, not in its files.
const codeVersion = 'pdf-parallel-8'

/**
 * The cache of laid-out and printed parts, keyed by content: a rebuild lays
 * out again only the parts whose HTML, styles, fonts or images changed, and
 * prints again only those whose first folio or link targets moved.
 * Directory: `pdf-parts/` in samizdat's cache (see cacheDir). Writes are
 * best-effort: a cache that cannot be written is only a slower next build.
 */
export class PieceCache {
  private constructor(
    private readonly dir: string,
    private readonly shared: string,
  ) {}

  /**
   * The cache for a print build folder: everything in it but the part
   * documents goes into every key. None when caching is off (see cacheDir).
   */
  static async open(buildDir: string, browser: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<PieceCache | undefined> {
    const root = cacheDir(env)
    if (!root) return undefined
    const hash = createHash('sha256').update(`${codeVersion}\0${browser}\0${pagedVersion()}\0`)
    for (const file of (await listFiles(buildDir)).sort()) {
      if (/^part-\d+\.html$/.test(file)) continue
      hash.update(`${file}\0`).update(await readFile(path.join(buildDir, file))).update('\0')
    }
    return new PieceCache(path.join(root, 'pdf-parts'), hash.digest('hex'))
  }

  /** The key of a part's layout. */
  layoutKey(html: string): string {
    return createHash('sha256').update(this.shared).update(html).digest('hex')
  }

  /** The key of a part's print: its layout, its first folio and the folios of the targets its HTML links to. */
  printKey(
    layoutKey: string,
    html: string,
    startFolio: number | undefined,
    numbers: ReadonlyMap<string, string>,
    headingIds: readonly string[],
    measured = false,
  ): string {
    const linked = [...new Set([...html.matchAll(/href="#([^"]*)"/g)].map((match) => match[1]!))].sort()
    const used = linked.flatMap((id) => (numbers.has(id) ? [[id, numbers.get(id)]] : []))
    // A print measured for the typesetting report caches its measures in the map; one without has none.
    return createHash('sha256').update(JSON.stringify([layoutKey, startFolio ?? null, used, headingIds, measured])).digest('hex')
  }

  async readLayout(key: string): Promise<PieceLayout | undefined> {
    return readJson<PieceLayout>(path.join(this.dir, `${key}.layout.json`))
  }

  async writeLayout(key: string, layout: PieceLayout): Promise<void> {
    await mkdir(this.dir, { recursive: true })
      .then(() => writeFileAtomic(path.join(this.dir, `${key}.layout.json`), JSON.stringify(layout)))
      .catch(() => undefined)
  }

  async readPrint(key: string): Promise<CachedPrint | undefined> {
    const meta = await readJson<{ map: PageMap; log: PageLog; foreign: string[] }>(path.join(this.dir, `${key}.print.json`))
    if (!meta) return undefined
    const raw = await readFile(path.join(this.dir, `${key}.pdf`)).catch(() => undefined)
    return raw ? { raw: new Uint8Array(raw), map: meta.map, log: meta.log, foreign: meta.foreign } : undefined
  }

  async writePrint(key: string, print: CachedPrint): Promise<void> {
    // The PDF first: a print entry is only read when its JSON exists.
    await mkdir(this.dir, { recursive: true })
      .then(() => writeFileAtomic(path.join(this.dir, `${key}.pdf`), print.raw))
      .then(() => writeFileAtomic(path.join(this.dir, `${key}.print.json`), JSON.stringify({ map: print.map, log: print.log, foreign: print.foreign })))
      .catch(() => undefined)
  }
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T
  } catch {
    return undefined
  }
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const files: string[] = []
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) files.push(...(await listFiles(dir, name)))
    else files.push(name)
  }
  return files
}

// Paged.js's polyfill is what lays out: its version is part of every key.
function pagedVersion(): string {
  const entry = createRequire(import.meta.url).resolve('pagedjs')
  try {
    return String((JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version?: unknown }).version)
  } catch {
    return entry
  }
}
