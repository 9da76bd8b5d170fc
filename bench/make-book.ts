import { existsSync } from 'node:fs'
import { appendFile, cp, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { slug } from 'github-slugger'
import { parse, stringify } from 'yaml'

/** A generated benchmark book. */
export interface BenchBook {
  readonly dir: string
  /** Chapter files in reading order (absolute paths). */
  readonly chapters: readonly string[]
  /** Bibliography files (absolute paths). */
  readonly bibliography: readonly string[]
  /** The CSL style named by book.yaml, if any (a name or a path relative to the book). */
  readonly csl?: string
  readonly title: string
  readonly lang: string
}

// The same attribute block samizdat reads (scripts/read/remark-heading-attributes.ts), after pandoc.
const attributesAtEnd = /\s*\{((?:\s*(?:[#.][\w:.-]+|-))+)\s*\}\s*$/
const atxHeading = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/
const fence = /^\s{0,3}(`{3,}|~{3,})/

/**
 * Copy the book in `source` into `target` with its chapters repeated
 * `copies` times: the first copy as it is, copy N with every heading id
 * (given or implied by the heading's text) suffixed `-cN` and the links
 * to them rewritten, so ids stay unique. book.yaml (its chapter list
 * replaced), the bibliography and every other file are copied unchanged.
 */
export async function makeBook(source: string, target: string, copies: number): Promise<BenchBook> {
  const config = await readConfig(source)
  const names = Array.isArray(config['chapters']) ? config['chapters'].map(String) : await markdownFiles(source)
  await cp(source, target, { recursive: true, filter: (file) => !/\.(md|markdown)$/i.test(file) || !names.includes(path.relative(source, file)) })
  const texts = await Promise.all(names.map((name) => readFile(path.join(source, name), 'utf8')))
  const ids = new Set(texts.flatMap(headingIds))
  const chapters: string[] = []
  for (let copy = 1; copy <= copies; copy++) {
    for (const [index, name] of names.entries()) {
      const file = copy === 1 ? name : copyName(name, copy)
      await writeFile(path.join(target, file), copy === 1 ? texts[index]! : renameIds(texts[index]!, ids, `-c${copy}`))
      chapters.push(file)
    }
  }
  await writeFile(path.join(target, 'book.yaml'), stringify({ ...config, chapters }))
  const bibliography = [config['bibliography'] ?? []].flat().map((file) => path.resolve(target, String(file)))
  return {
    dir: target,
    chapters: chapters.map((file) => path.join(target, file)),
    bibliography,
    ...(typeof config['csl'] === 'string' ? { csl: config['csl'] } : {}),
    title: typeof config['title'] === 'string' ? config['title'] : 'Benchmark book',
    lang: typeof config['lang'] === 'string' ? config['lang'] : 'en',
  }
}

/** Append a sentence to a chapter: the edit of the "change one chapter and rebuild" run. */
export async function appendSentence(chapter: string, run: number): Promise<void> {
  await appendFile(chapter, `\n\nThis sentence was added to the chapter before rebuild number ${run} of the benchmark.\n`)
}

async function readConfig(source: string): Promise<Record<string, unknown>> {
  const file = path.join(source, 'book.yaml')
  if (!existsSync(file)) return {}
  const config: unknown = parse(await readFile(file, 'utf8'))
  return typeof config === 'object' && config !== null ? (config as Record<string, unknown>) : {}
}

async function markdownFiles(source: string): Promise<string[]> {
  return (await readdir(source)).filter((name) => /\.(md|markdown)$/i.test(name)).sort()
}

// `03-workers-opposition.md`, copy 2 → `002-workers-opposition-c2.md`: samizdat takes the chapter id from the name without its number.
function copyName(name: string, copy: number): string {
  const base = path.basename(name).replace(/\.(md|markdown)$/i, '').replace(/^\d+[-_ .]*/, '')
  return path.join(path.dirname(name), `${String(copy).padStart(3, '0')}-${base}-c${copy}.md`)
}

/** Every heading's id, given (`{#id}`) or implied by its text, outside code fences. */
export function headingIds(markdown: string): string[] {
  return headingLines(markdown).map(({ text }) => {
    const match = attributesAtEnd.exec(text)
    const given = match?.[1]?.match(/#([\w:.-]+)/)?.[1]
    return given ?? slug(match ? text.slice(0, match.index) : text)
  })
}

/** The chapter with its heading ids and the links to them suffixed. */
export function renameIds(markdown: string, ids: ReadonlySet<string>, suffix: string): string {
  const lines = markdown.split('\n')
  for (const { index, marks, text } of headingLines(markdown)) {
    const match = attributesAtEnd.exec(text)
    const tokens = match?.[1]?.trim().split(/\s+/) ?? []
    const title = match ? text.slice(0, match.index) : text
    const given = tokens.find((token) => token.startsWith('#'))
    const id = `#${given ? given.slice(1) : slug(title)}${suffix}`
    const rest = tokens.filter((token) => !token.startsWith('#'))
    lines[index] = `${marks} ${title} {${[id, ...rest].join(' ')}}`
  }
  return lines.join('\n').replace(/\]\(#([^)\s]+)\)/g, (link, id: string) => (ids.has(id) ? `](#${id}${suffix})` : link))
}

function headingLines(markdown: string): { index: number; marks: string; text: string }[] {
  const headings: { index: number; marks: string; text: string }[] = []
  let open: string | undefined
  for (const [index, line] of markdown.split('\n').entries()) {
    const fenceMatch = fence.exec(line)
    if (fenceMatch?.[1]) {
      if (!open) open = fenceMatch[1]
      else if (fenceMatch[1].startsWith(open)) open = undefined
      continue
    }
    if (open) continue
    const heading = atxHeading.exec(line)
    if (heading?.[1] && heading[2] !== undefined) headings.push({ index, marks: heading[1], text: heading[2] })
  }
  return headings
}
