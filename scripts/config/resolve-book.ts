import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { isMap, LineCounter, parseDocument } from 'yaml'
import type { z } from 'zod'
import { failFile } from '../diagnostics/fail.ts'
import { type BookConfig, bookSchema, type pageSizes } from './book-schema.ts'

/** CLI flags that override `book.yaml` (each flag has its key twin there). */
export interface BookOverrides {
  readonly pageSize?: (typeof pageSizes)[number]
  readonly csl?: string
  readonly strict?: boolean
  readonly bleed?: string
  readonly marks?: 'crop' | 'cross' | 'crop cross'
}

/** The book, validated and resolved once, handed read-only to every stage. */
export interface ResolvedBook extends Readonly<Omit<BookConfig, 'author' | 'editor' | 'bibliography' | 'chapters'>> {
  /** Absolute manuscript folder. */
  readonly root: string
  /** The `book.yaml` file, when there is one. */
  readonly configFile: VFile | undefined
  readonly authors: readonly string[]
  readonly editors: readonly string[]
  /** Absolute chapter paths, in reading order. */
  readonly chapters: readonly string[]
  /** Absolute bibliography paths. */
  readonly bibliography: readonly string[]
}

/**
 * Read, validate and resolve the book in `dir`. Problems are reported on the
 * returned file (`book.yaml`, or the folder); a fatal one throws through
 * {@link failFile} so nothing is built from a broken configuration.
 */
export async function resolveBook(dir: string, overrides: BookOverrides = {}): Promise<ResolvedBook> {
  const root = path.resolve(dir)
  if (!existsSync(root)) {
    const file = new VFile({ path: root, cwd: process.cwd() })
    failFile(file, `No manuscript folder at \`${root}\`: pass the folder that holds your book.yaml or chapters`, 'missing-manuscript')
  }
  const configPath = path.join(root, 'book.yaml')
  const configFile = existsSync(configPath) ? new VFile({ path: configPath, value: await readFile(configPath, 'utf8') }) : undefined
  const raw = configFile ? parseBookYaml(configFile) : await inferBook(root)
  const config = validate(raw, configFile ?? new VFile({ path: root }))
  const merged = { ...config, ...definedOnly(overrides) }
  const chapters = raw.chapters === undefined ? await listMarkdown(root) : (config.chapters ?? []).map((chapter) => path.resolve(root, chapter))
  if (chapters.length === 0) {
    failFile(configFile ?? new VFile({ path: root }), `No chapters: \`${root}\` has no \`*.md\` files and book.yaml lists none`, 'no-chapters')
  }
  return Object.freeze({
    ...merged,
    root,
    configFile,
    authors: asList(config.author),
    editors: asList(config.editor),
    chapters,
    bibliography: asList(config.bibliography).map((file) => path.resolve(root, file)),
  })
}

/** Parse `book.yaml`, keeping positions so schema problems point at their line. */
function parseBookYaml(file: VFile): Record<string, unknown> {
  const lineCounter = new LineCounter()
  const doc = parseDocument(String(file.value), { lineCounter, prettyErrors: false })
  for (const error of doc.errors) {
    const [start, end] = error.pos
    failFile(file, `book.yaml is not valid YAML: ${error.message.split('\n')[0]}`, 'yaml-syntax', {
      start: toPoint(lineCounter, start),
      end: toPoint(lineCounter, end),
    })
  }
  const value: unknown = doc.toJS()
  if (value === null || value === undefined) return {}
  if (!isMap(doc.contents)) failFile(file, 'book.yaml must be a mapping of keys (`title: …`) to values', 'yaml-shape')
  ;(file.data as { yaml?: unknown }).yaml = { doc, lineCounter }
  return value as Record<string, unknown>
}

function validate(raw: Record<string, unknown>, file: VFile): BookConfig {
  const result = bookSchema.safeParse(raw)
  if (result.success) return result.data
  const place = (issue: z.core.$ZodIssue) => placeOf(file, issue)
  // Report every problem, then stop: the user fixes them in one go.
  const [first, ...rest] = result.error.issues
  for (const issue of rest) {
    const message = file.message(describeIssue(issue), { place: place(issue), ruleId: 'book-schema', source: 'samizdat' })
    message.fatal = true
  }
  return failFile(file, describeIssue(first!), 'book-schema', place(first!))
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? `\`${issue.path.join('.')}\`` : 'book.yaml'
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(bookSchema.shape).join(', ')
    return `Unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `\`${key}\``).join(', ')} in ${where}; known keys: ${known}`
  }
  return `${where}: ${issue.message}`
}

type Place = { start: { line: number; column: number }; end: { line: number; column: number } }

function placeOf(file: VFile, issue: z.core.$ZodIssue): Place | undefined {
  const keyPath = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path
  return configPlace(file, keyPath, issue.code === 'unrecognized_keys')
}

/** The place of a key's value (or of the key itself) in `book.yaml`, for messages. */
export function configPlace(file: VFile | undefined, keyPath: readonly PropertyKey[], atKey = false): Place | undefined {
  const yaml = (file?.data as { yaml?: { doc: ReturnType<typeof parseDocument>; lineCounter: LineCounter } } | undefined)?.yaml
  if (!yaml) return undefined
  // An unknown key points at the key itself, anything else at its value.
  const parent = yaml.doc.getIn(keyPath.slice(0, -1), true)
  let node: unknown = yaml.doc.getIn(keyPath, true)
  if (isMap(parent)) {
    const pair = parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === keyPath.at(-1))
    if (pair) node = atKey || !pair.value ? pair.key : pair.value
  }
  const range = (node as { range?: [number, number, number] } | undefined)?.range
  if (!range) return undefined
  return { start: toPoint(yaml.lineCounter, range[0]), end: toPoint(yaml.lineCounter, range[1]) }
}

function toPoint(lineCounter: LineCounter, offset: number) {
  const { line, col } = lineCounter.linePos(offset)
  return { line, column: col }
}

/** Without `book.yaml`: the folder's Markdown files, titled by the first heading. */
async function inferBook(root: string): Promise<Record<string, unknown>> {
  const files = await listMarkdown(root)
  let title = path.basename(root)
  for (const file of files) {
    const match = /^#\s+(.+?)\s*#*\s*$/m.exec(await readFile(file, 'utf8'))
    if (match?.[1]) {
      title = match[1].replace(/\s*\{[^}]*\}\s*$/, '')
      break
    }
  }
  return { title }
}

async function listMarkdown(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile() && /\.(md|markdown)$/i.test(entry.name) && !/^readme\.md$/i.test(entry.name))
    .map((entry) => path.join(root, entry.name))
    .sort((a, b) => a.localeCompare(b, 'en'))
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
