import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { BookOverrides } from '../config/resolve-book.ts'
import { BuildError } from '../diagnostics/fail.ts'
import { displayPath, formatMs } from '../diagnostics/progress.ts'
import { reportFiles } from '../diagnostics/report.ts'
import { stylesDir } from '../lib/styles-dir.ts'
import { createIncrementalBook } from './incremental-book.ts'
import { type PreviewServer, startPreviewServer } from './preview-server.ts'
import { type BookWatch, watchBook } from './watch-book.ts'
import { createPreviewViews, type PreviewPages } from './preview-views.ts'

/** Options for {@link startPreview}. */
export interface PreviewOptions {
  readonly dir: string
  readonly host: string
  readonly port: number
  readonly overrides: BookOverrides
  /** Folders inside the manuscript not to watch (a `--out` kept there). */
  readonly ignore?: readonly string[]
  /** Where rebuild lines and problems are printed. */
  readonly stream: NodeJS.WritableStream
  readonly color?: boolean
}

/** A running preview: its address, and how to stop it. */
export interface PreviewSession {
  readonly url: string
  readonly server: PreviewServer
  close(): Promise<void>
}

/**
 * `samizdat preview`: build the book into a temporary folder, serve it, and
 * rebuild on every edit (re-parsing only the changed chapter), telling open
 * pages to reload. A rebuild with errors keeps the last good build on screen
 * and shows the errors over it and in the terminal. Resolves once the server
 * answers; the first build may still have errors.
 */
export async function startPreview(options: PreviewOptions): Promise<PreviewSession> {
  const buildDir = await mkdtemp(path.join(tmpdir(), 'samizdat-preview-'))
  const book = createIncrementalBook(options.dir, options.overrides)
  const views = createPreviewViews(buildDir)
  let pages: PreviewPages | undefined
  let build = 0
  let problem: string | undefined
  let lastReport = ''
  let sources: readonly string[] = []
  const server = await startPreviewServer({
    root: buildDir,
    host: options.host,
    port: options.port,
    pages: () => pages,
    prepare: (pathname) => views.prepare(pathname),
    state: () => (problem ? { build, problem } : { build }),
  }).catch(async (error: unknown) => {
    await rm(buildDir, { recursive: true, force: true })
    throw error
  })
  const say = (text: string) => options.stream.write(`${text}\n`)

  const rebuild = async (changed: readonly string[]): Promise<void> => {
    const start = performance.now()
    try {
      const loaded = await book.load()
      const { book: resolved } = loaded.tree
      // Sources outside the manuscript folder: bibliographies, and a CSL style given as a file.
      sources = [...resolved.bibliography, ...(/\.csl$/i.test(resolved.csl) ? [path.resolve(resolved.root, resolved.csl)] : [])]
      watch?.add(sources)
      const report = reportFiles(loaded.files, { strict: false, color: options.color ?? false })
      if (report.text !== lastReport) say(report.text || '  no problems left')
      lastReport = report.text
      if (report.errors > 0) return fail(reportFiles(loaded.files, { strict: false }).text)
      const writeStart = performance.now()
      pages = await views.update(loaded.tree, build + 1)
      build++
      problem = undefined
      server.broadcast('reload', { build })
      const { timings } = loaded
      const what = changed.length > 0 ? changed.map((file) => displayPath(file)).join(', ') : 'first build'
      say(
        `  ↻ ${what}: ${formatMs(performance.now() - start)} (re-parsed ${loaded.reparsed.length} of ${loaded.tree.chapters.length} chapters in ${formatMs(timings.parse)}, ` +
          `book ${formatMs(timings.book)} of which citations ${formatMs(timings.cite)}, print view ${formatMs(performance.now() - writeStart)})`,
      )
    } catch (error) {
      if (error instanceof BuildError) {
        const text = reportFiles(error.files, { strict: true }).text
        if (text !== lastReport) say(reportFiles(error.files, { strict: true, color: options.color ?? false }).text)
        lastReport = text
        return fail(text)
      }
      fail(error instanceof Error ? error.message : String(error))
      say(`samizdat: the rebuild failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  const fail = (text: string): void => {
    problem = text
    server.broadcast('problem', text)
    if (pages) say('  the page keeps the last good build until the errors are fixed')
  }

  // One rebuild at a time; edits during a rebuild are gathered into the next one.
  let running: Promise<void> | undefined
  let queued: string[] | undefined
  const schedule = (changed: string[]): void => {
    if (running) {
      queued = [...(queued ?? []), ...changed]
      return
    }
    running = rebuild(changed).finally(() => {
      running = undefined
      const next = queued
      queued = undefined
      if (next) schedule(next)
    })
  }

  let watch: BookWatch | undefined
  schedule([])
  await running
  watch = watchBook({ root: path.resolve(options.dir), extra: [stylesDir, ...sources], ignore: [buildDir, ...(options.ignore ?? [])] }, schedule)
  await watch.ready
  return {
    url: server.url,
    server,
    async close() {
      await watch?.close()
      await running
      await server.close()
      await rm(buildDir, { recursive: true, force: true })
    },
  }
}
