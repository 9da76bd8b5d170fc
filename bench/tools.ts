import { existsSync } from 'node:fs'
import { cp, mkdir } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { OutputKind } from './check-output.ts'
import { appendSentence, type BenchBook } from './make-book.ts'
import type { Command, Measurement } from './measure-process-tree.ts'

/** Everything a tool needs to build one scale's book. */
export interface ToolContext {
  /** The samizdat repository. */
  readonly repo: string
  readonly chromium: string
  readonly book: BenchBook
  /** samizdat's print HTML for this book (written once per scale, outside the timing). */
  readonly printHtml: string
  /** The CSL file pandoc gets: the style samizdat uses. */
  readonly csl: string
  /** Runs a command that is not itself measured (the build before a rebuild). */
  readonly runUnmeasured: (command: Command) => Promise<Measurement>
}

/** One measured run, ready to spawn. */
export interface PreparedRun {
  readonly command: Command
  /** The outputs to check; the first is the one whose pages are counted. */
  readonly outputs: readonly { readonly file: string; readonly kind: OutputKind }[]
  /** What happened while preparing (e.g. the priming build of a rebuild). */
  readonly notes: readonly string[]
}

/** A tool the benchmark runs. */
export interface Tool {
  readonly id: ToolId
  readonly label: string
  /** Make the run's folder and return the command; `dir` is empty and the run's own. */
  readonly prepare: (context: ToolContext, dir: string, run: number) => Promise<PreparedRun>
}

export const toolIds = [
  'samizdat-all',
  'samizdat-pdf',
  'samizdat-pdf-epub',
  'samizdat-rebuild',
  'samizdat-epub',
  'samizdat-html',
  'pagedjs-cli',
  'chromium',
  'pandoc-epub',
  'pandoc-html',
] as const
export type ToolId = (typeof toolIds)[number]

const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

/** `samizdat build` of a fresh copy of the book into an empty folder: a cold build, whatever caches samizdat may keep. */
function samizdat(id: ToolId, label: string, formats: string | undefined, outputs: readonly [string, OutputKind][], extra: readonly string[] = []): Tool {
  return {
    id,
    label,
    async prepare(context, dir) {
      const command = await samizdatCommand(context, dir, formats, extra)
      return { command, outputs: outputs.map(([name, kind]) => ({ file: path.join(dir, 'out', name), kind })), notes: [] }
    },
  }
}

async function samizdatCommand(context: ToolContext, dir: string, formats: string | undefined, extra: readonly string[] = []): Promise<Command> {
  const book = path.join(dir, 'book')
  await cp(context.book.dir, book, { recursive: true })
  await mkdir(path.join(dir, 'cache'))
  return {
    command: process.execPath,
    args: [path.join(context.repo, 'scripts', 'bin.js'), 'build', book, '--out', path.join(dir, 'out'), ...(formats ? ['--format', formats] : []), ...extra],
    cwd: context.repo,
    // The same Chromium as the other tools; a cache of the run's own (SAMIZDAT_CACHE wins over XDG_CACHE_HOME, see
    // scripts/lib/build-cache.ts), so a cold build is cold and a rebuild finds only what its first build left.
    env: { SAMIZDAT_CHROMIUM: context.chromium, SAMIZDAT_CACHE: path.join(dir, 'cache', 'samizdat'), XDG_CACHE_HOME: path.join(dir, 'cache'), NO_COLOR: '1' },
  }
}

/** Build the PDF, append a sentence to a chapter in the middle of the book, and measure the second build. */
const samizdatRebuild: Tool = {
  id: 'samizdat-rebuild',
  label: 'samizdat PDF, one chapter changed',
  async prepare(context, dir, run) {
    const command = await samizdatCommand(context, dir, 'pdf')
    const first = await context.runUnmeasured(command)
    const chapters = context.book.chapters
    const middle = path.relative(context.book.dir, chapters[Math.floor(chapters.length / 2)]!)
    await appendSentence(path.join(dir, 'book', middle), run)
    const notes = [`first build ${first.status} in ${(first.wallMs / 1000).toFixed(1)} s; then appended a sentence to ${middle}`]
    return { command, outputs: [{ file: path.join(dir, 'out', 'book.pdf'), kind: 'pdf' }], notes }
  },
}

const pagedjsCli: Tool = {
  id: 'pagedjs-cli',
  label: 'pagedjs-cli 0.4.3',
  async prepare(context, dir) {
    const output = path.join(dir, 'book.pdf')
    const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('pagedjs-cli')), 'cli.js')
    return {
      command: {
        command: process.execPath,
        // Its own launch flags plus ours (commander splits --browserArgs at commas); root needs --no-sandbox.
        args: [cli, context.printHtml, '-o', output, '--browserArgs', chromiumFlags.slice(1).join(',')],
        cwd: dir,
        // pagedjs-cli's puppeteer 20 reads the browser from the environment; it must not download one.
        env: { PUPPETEER_EXECUTABLE_PATH: context.chromium, PUPPETEER_SKIP_DOWNLOAD: '1' },
      },
      outputs: [{ file: output, kind: 'pdf' }],
      notes: [],
    }
  },
}

/** Chromium's own print of the same HTML, without Paged.js: the floor. */
const chromiumPrint: Tool = {
  id: 'chromium',
  label: 'Chromium print, no Paged.js',
  async prepare(context, dir) {
    const output = path.join(dir, 'book.pdf')
    return {
      command: {
        command: context.chromium,
        args: [...chromiumFlags, `--user-data-dir=${path.join(dir, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${output}`, pathToFileURL(context.printHtml).href],
        cwd: dir,
      },
      outputs: [{ file: output, kind: 'pdf' }],
      notes: [],
    }
  },
}

function pandoc(id: ToolId, label: string, to: string, name: string, kind: OutputKind): Tool {
  return {
    id,
    label,
    async prepare(context, dir) {
      const { book } = context
      const output = path.join(dir, name)
      return {
        command: {
          command: 'pandoc',
          args: [
            '-f',
            'markdown',
            '-t',
            to,
            '-s',
            // Each chapter parsed on its own, as samizdat does: footnote labels are per chapter.
            '--file-scope',
            '--citeproc',
            ...book.bibliography.flatMap((file) => ['--bibliography', file]),
            '--csl',
            context.csl,
            '--metadata',
            `title=${book.title}`,
            '--metadata',
            `lang=${book.lang}`,
            ...book.chapters,
            '-o',
            output,
          ],
          cwd: book.dir,
        },
        outputs: [{ file: output, kind }],
        notes: [],
      }
    },
  }
}

/** Every tool, by id. */
export const tools: Readonly<Record<ToolId, Tool>> = {
  'samizdat-all': samizdat('samizdat-all', 'samizdat, all outputs', undefined, [
    ['book.pdf', 'pdf'],
    ['book-booklet.pdf', 'pdf'],
    ['book.epub', 'epub'],
    ['book.html', 'html'],
  ]),
  // With the typesetting report (book.report.json), which the record keeps: its time is in the run's.
  'samizdat-pdf': samizdat('samizdat-pdf', 'samizdat PDF (+ typesetting report)', 'pdf', [['book.pdf', 'pdf']], ['--report']),
  'samizdat-pdf-epub': samizdat('samizdat-pdf-epub', 'samizdat PDF + EPUB', 'pdf,epub', [
    ['book.pdf', 'pdf'],
    ['book.epub', 'epub'],
  ]),
  'samizdat-rebuild': samizdatRebuild,
  'samizdat-epub': samizdat('samizdat-epub', 'samizdat EPUB only', 'epub', [['book.epub', 'epub']]),
  'samizdat-html': samizdat('samizdat-html', 'samizdat HTML only', 'html', [['book.html', 'html']]),
  'pagedjs-cli': pagedjsCli,
  chromium: chromiumPrint,
  'pandoc-epub': pandoc('pandoc-epub', 'pandoc EPUB', 'epub3', 'book.epub', 'epub'),
  'pandoc-html': pandoc('pandoc-html', 'pandoc HTML', 'html5', 'book.html', 'html'),
}

/** The CSL file for pandoc: a path relative to the book, samizdat's bundled style, or Debian's. */
export function resolveCsl(repo: string, book: BenchBook): string {
  const name = book.csl ?? 'chicago-note-bibliography'
  const candidates = [
    path.resolve(book.dir, name),
    path.join(repo, 'styles', 'csl', `${name}.csl`),
    path.join('/usr/share/citation-style-language/styles', `${name}.csl`),
  ]
  const found = candidates.find((file) => file.endsWith('.csl') && existsSync(file))
  if (!found) throw new Error(`No CSL file for the style ${name}; looked in ${candidates.join(', ')}`)
  return found
}
