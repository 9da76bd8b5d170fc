import { existsSync, realpathSync, statSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { isMap, LineCounter, parseDocument } from 'yaml'
import type { z } from 'zod'
import { decodeUtf8 } from '../diagnostics/decode-utf8.ts'
import { failFile } from '../diagnostics/fail.ts'
import { type BookConfig, bookSchema, type profiles } from './book-schema.ts'
import { checkTypeface } from './check-typeface.ts'
import { describeConfigIssue } from './describe-config-issue.ts'
import { type Outline, readSummary } from './read-summary.ts'

/** CLI flags that override `book.yaml` (each flag has its key twin there). */
export interface BookOverrides {
  readonly pageSize?: string
  readonly profile?: (typeof profiles)[number]
  readonly csl?: string
  readonly strict?: boolean
  readonly bleed?: string
  readonly marks?: 'crop' | 'cross' | 'crop cross'
  readonly pdf?: 'x-1a' | 'x-3'
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
  /** mdBook's `SUMMARY.md`, when the folder has one: chapter order, titles and nesting. */
  readonly outline: Outline | undefined
}

/**
 * Read, validate and resolve the book in `dir`. Problems are reported on the
 * returned file (`book.yaml`, or the folder); a fatal one throws through
 * {@link failFile} so nothing is built from a broken configuration.
 */
export async function resolveBook(dir: string, overrides: BookOverrides = {}): Promise<ResolvedBook> {
  const root = path.resolve(dir)
  const folder = new VFile({ path: root, cwd: process.cwd() })
  if (!existsSync(root)) {
    failFile(folder, `No manuscript folder at \`${root}\`: give samizdat the folder that holds your book.yaml or chapters`, 'missing-manuscript')
  }
  if (!statSync(root).isDirectory()) {
    failFile(folder, `\`${path.basename(root)}\` is a file, not a folder: give samizdat the folder that holds it (\`${path.dirname(root)}\`)`, 'missing-manuscript')
  }
  const configFile = await readBookYaml(path.join(root, 'book.yaml'))
  const raw = configFile ? parseBookYaml(configFile) : await inferBook(root)
  const config = validate(raw, configFile ?? folder)
  if (configFile) checkBookFiles(config, root, configFile)
  if (configFile && raw['typeface'] !== undefined) checkTypeface(config.typeface, configFile, configPlace(configFile, ['typeface']))
  const merged = { ...config, ...definedOnly(overrides) }
  const outline = await readSummary(root)
  const listed = outline ? [...outline.entries.keys()].filter((file) => isInside(root, file)) : await listMarkdown(root)
  const chapters = raw['chapters'] === undefined ? listed : checkChapters(config.chapters ?? [], root, configFile)
  if (chapters.length === 0) {
    failFile(
      configFile ?? folder,
      `No chapters: \`${root}\` has no Markdown (\`.md\`) files${configFile ? ' and book.yaml lists none under `chapters`' : ''}: write the book in \`.md\` files in this folder, or give samizdat the folder that holds them`,
      'no-chapters',
      ...(configFile ? [{ line: 1, column: 1 }] : []),
    )
  }
  return Object.freeze({
    ...merged,
    root,
    configFile,
    authors: asList(config.author),
    editors: asList(config.editor),
    chapters,
    bibliography: asList(config.bibliography).map((file) => path.resolve(root, file)),
    outline,
  })
}

/** `book.yaml`, read strictly as UTF-8, or undefined when the folder has none. */
async function readBookYaml(configPath: string): Promise<VFile | undefined> {
  if (!existsSync(configPath)) return undefined
  const file = new VFile({ path: configPath })
  let bytes: Buffer
  try {
    bytes = await readFile(configPath)
  } catch (error) {
    return failFile(file, `book.yaml cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): it must be a text file you may read`, 'yaml-syntax')
  }
  file.value = decodeUtf8(bytes, file)
  return file
}

/**
 * The chapters book.yaml lists, as absolute paths. Each must be inside the
 * manuscript folder: a book built from someone else's manuscript must not
 * pull a file from elsewhere on this computer into its pages.
 */
function checkChapters(listed: readonly string[], root: string, configFile: VFile | undefined): string[] {
  const seen = new Set<string>()
  return listed.map((chapter, index) => {
    const target = path.resolve(root, chapter)
    const place = configPlace(configFile, ['chapters', index])
    if (configFile && !isInside(root, target)) {
      failFile(configFile, `Chapter \`${chapter}\` is outside the manuscript folder: move it into the folder and list it by its name there`, 'chapter-outside', place)
    }
    if (configFile && seen.has(target)) {
      configFile.message(`Chapter \`${chapter}\` is listed twice under \`chapters\`, so it would be printed twice: remove one of them`, { place, ruleId: 'duplicate-chapter', source: 'samizdat' })
    }
    seen.add(target)
    return target
  })
}

/**
 * The other files book.yaml names (bibliographies, the cover, a CSL file)
 * must be files inside the manuscript folder too: `cover: ../../.ssh/id_rsa.png`
 * must not end up in an EPUB. (A `--csl` file given on the command line is
 * the user's own choice, and is not checked here.)
 */
function checkBookFiles(config: BookConfig, root: string, configFile: VFile): void {
  const named: { value: string; key: PropertyKey[]; required?: boolean }[] = [
    ...asList(config.bibliography).map((value, index) => ({ value, key: Array.isArray(config.bibliography) ? ['bibliography', index] : ['bibliography'] })),
    ...(config.cover ? [{ value: config.cover, key: ['cover'] }] : []),
    ...(['stylesheet', 'fonts'] as const).flatMap((name) =>
      asList(config[name]).map((value, index) => ({ value, key: Array.isArray(config[name]) ? [name, index] : [name], required: true })),
    ),
    // A CSL name (`apa`) is a bundled style; only a path names a file.
    ...(/[/\\]|\.(csl|xml)$/i.test(config.csl) ? [{ value: config.csl, key: ['csl'] }] : []),
  ]
  for (const { value, key, required } of named) {
    const target = path.resolve(root, value)
    const place = configPlace(configFile, key)
    if (required && !existsSync(target)) {
      failFile(configFile, `\`${value}\` is not in the book folder: check the name (relative to the folder that holds book.yaml)`, 'missing-file', place)
    }
    if (existsSync(target) && !statSync(target).isFile()) {
      failFile(configFile, `\`${value}\` is a folder, not a file: give the name of the file inside it`, 'file-outside', place)
    }
    if (!isInside(root, target)) {
      failFile(configFile, `\`${value}\` is outside the manuscript folder: copy it into the folder and give its name there, so the book only uses its own files`, 'file-outside', place)
    }
  }
}

/** True when `target` (following symbolic links, when it exists) is inside `root`. */
export function isInside(root: string, target: string): boolean {
  const real = (file: string) => (existsSync(file) ? realpathSync(file) : path.resolve(file))
  const relative = path.relative(real(root), real(target))
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
}

/** Parse `book.yaml`, keeping positions so schema problems point at their line. */
function parseBookYaml(file: VFile): Record<string, unknown> {
  const lineCounter = new LineCounter()
  const doc = parseDocument(String(file.value), { lineCounter, prettyErrors: false })
  for (const error of doc.errors) {
    const [start, end] = error.pos
    failFile(file, `book.yaml is not valid YAML: ${error.message.split('\n')[0]}; check the indentation and the quotes here (a value holding \`: \` or \` #\` needs "quotes")`, 'yaml-syntax', {
      start: toPoint(lineCounter, start),
      end: toPoint(lineCounter, end),
    })
  }
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    // An alias bomb (`&a [*a, *a, …]`) or a value YAML cannot build.
    failFile(file, `book.yaml is not valid YAML: ${(error as Error).message}; write plain \`key: value\` lines`, 'yaml-syntax', { line: 1, column: 1 })
  }
  if (value === null || value === undefined) return {}
  if (!isMap(doc.contents)) {
    failFile(file, 'book.yaml must be `key: value` lines, one setting per line, starting with `title: Your title`', 'yaml-shape', { line: 1, column: 1 })
  }
  ;(file.data as { yaml?: unknown }).yaml = { doc, lineCounter }
  return value as Record<string, unknown>
}

function validate(raw: Record<string, unknown>, file: VFile): BookConfig {
  const result = bookSchema.safeParse(raw)
  if (result.success) return result.data
  // One problem per unknown key, so each points at its own line.
  const problems = result.error.issues.flatMap((issue): z.core.$ZodIssue[] =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ({ ...issue, keys: [key] })) : [issue],
  )
  // Report every problem, then stop: the user fixes them in one go.
  const [first, ...rest] = problems
  for (const issue of rest) {
    const message = file.message(describeConfigIssue(issue, raw), { place: placeOf(file, issue), ruleId: 'book-schema', source: 'samizdat' })
    message.fatal = true
  }
  return failFile(file, describeConfigIssue(first!, raw), 'book-schema', placeOf(file, first!))
}

type Place = { start: { line: number; column: number }; end: { line: number; column: number } }

/** Where an issue is: its key or value; a missing key, at the key that should hold it (or the top). */
function placeOf(file: VFile, issue: z.core.$ZodIssue): Place | undefined {
  const keyPath = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path
  const place = configPlace(file, keyPath, issue.code === 'unrecognized_keys')
  if (place || file.basename !== 'book.yaml') return place
  const parent = keyPath.length > 1 ? configPlace(file, keyPath.slice(0, -1), true) : undefined
  return parent ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }
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

/** Without `book.yaml`: the folder's Markdown files, titled by the first heading (an mdBook's `SUMMARY.md` first: it opens with the book's title). */
async function inferBook(root: string): Promise<Record<string, unknown>> {
  const summary = path.join(root, 'SUMMARY.md')
  const files = [...(existsSync(summary) ? [summary] : []), ...(await listMarkdown(root))]
  let title = path.basename(root)
  for (const file of files) {
    // Only a title; the chapter itself is read (strictly) later.
    const text = await readFile(file, 'utf8').catch(() => '')
    const match = /^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/m.exec(text)
    const heading = match?.[1]?.replace(/\s*\{[^}]*\}\s*$/, '').trim()
    if (heading) {
      title = heading
      break
    }
  }
  return { title }
}

/**
 * The folder's Markdown files in name order, numbers by value (`2-…` before
 * `10-…`), as a file manager shows them; a README is not a chapter.
 */
async function listMarkdown(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true })
  return (
    entries
      .filter((entry) => /\.(md|markdown)$/i.test(entry.name) && !/^readme\.md$/i.test(entry.name))
      .map((entry) => path.join(root, entry.name))
      // A symbolic link counts when it leads to a file inside the folder.
      .filter((file) => existsSync(file) && statSync(file).isFile() && isInside(root, file))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  )
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
