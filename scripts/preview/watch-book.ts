import path from 'node:path'
import { watch } from 'chokidar'

/** What to watch: the manuscript folder, and places outside it the book reads from. */
export interface WatchOptions {
  /** The manuscript folder (chapters, book.yaml, images, a bibliography kept there). */
  readonly root: string
  /** Files and folders outside `root` that the build reads: bibliographies, samizdat's styles. */
  readonly extra: readonly string[]
  /** Folders never to watch (the preview's own build, an `--out` inside the manuscript). */
  readonly ignore: readonly string[]
  /** Quiet time before a burst of events is reported as one change, in ms. */
  readonly debounceMs?: number
}

/** A running watch. */
export interface BookWatch {
  /** Watch more files (a bibliography outside the manuscript folder that book.yaml now names). */
  add(paths: readonly string[]): void
  close(): Promise<void>
  /** Resolves once the initial scan is done and edits are seen. */
  readonly ready: Promise<void>
}

// Files a build reads: chapters, book.yaml, bibliographies (BibTeX, CSL-JSON/YAML, RIS), styles, CSL, images.
const relevant = /\.(md|markdown|ya?ml|bib|json|ris|css|csl|png|jpe?g|gif|svg|webp)$/i

/**
 * Watch the book's sources and call `onChange` with the paths that changed,
 * once per burst (an editor's save is often several events: write a temp
 * file, rename it over the old one).
 */
export function watchBook(options: WatchOptions, onChange: (paths: string[]) => void): BookWatch {
  const ignored = options.ignore.map((dir) => path.resolve(dir))
  const skip = (file: string, stats?: { isFile(): boolean }): boolean => {
    const resolved = path.resolve(file)
    if (ignored.some((dir) => resolved === dir || resolved.startsWith(dir + path.sep))) return true
    const name = path.basename(resolved)
    if (resolved !== path.resolve(options.root) && (name.startsWith('.') || name === 'node_modules' || name === 'dist')) return true
    return stats?.isFile() === true && !relevant.test(name)
  }
  const watcher = watch([options.root, ...options.extra], { ignoreInitial: true, ignored: skip, atomic: true })
  let pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  watcher.on('all', (_event, file) => {
    pending.add(file)
    clearTimeout(timer)
    timer = setTimeout(() => {
      const paths = [...pending]
      pending = new Set()
      onChange(paths)
    }, options.debounceMs ?? 40)
  })
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
  const watched = new Set([options.root, ...options.extra].map((file) => path.resolve(file)))
  return {
    ready,
    add(paths) {
      const fresh = paths.map((file) => path.resolve(file)).filter((file) => !watched.has(file))
      for (const file of fresh) watched.add(file)
      if (fresh.length > 0) watcher.add(fresh)
    },
    async close() {
      clearTimeout(timer)
      await watcher.close()
    },
  }
}
