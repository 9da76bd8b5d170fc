import type { Root } from 'mdast'
import type { Plugin } from 'unified'
import type { Point } from 'unist'
import { type Document, isMap, LineCounter, parseDocument } from 'yaml'
import { failFile } from '../diagnostics/fail.ts'

/** What a chapter's own front matter may say. */
export interface ChapterMatter {
  /** A shorter title for running heads. */
  readonly 'short-title'?: string
  readonly title?: string
}

const knownKeys = new Set(['title', 'short-title'])

declare module 'vfile' {
  interface DataMap {
    matter: ChapterMatter
  }
}

/**
 * Parse a chapter's YAML front matter into `file.data.matter`. Malformed YAML
 * stops the build at its line: the writer meant something by it.
 */
const remarkChapterFrontmatter: Plugin<[], Root> = () => (tree, file) => {
  const node = tree.children[0]
  if (node?.type !== 'yaml') return
  // The YAML starts on the line after the opening `---`.
  const firstLine = (node.position?.start.line ?? 1) + 1
  const lineCounter = new LineCounter()
  const doc = parseDocument(node.value, { lineCounter, prettyErrors: false })
  const error = doc.errors[0]
  if (error) {
    const { line, col } = error.linePos?.[0] ?? { line: 1, col: 1 }
    failFile(
      file,
      `The front matter (between the \`---\` lines at the top) is not valid YAML: ${error.message.split('\n')[0]}; write one \`key: value\` per line, and put a value with \`:\` or \`#\` in "quotes"`,
      'frontmatter-syntax',
      { line: firstLine + line - 1, column: col },
    )
  }
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 100 })
  } catch (reason) {
    // An alias bomb (`&a [*a, *a, …]`) or a tag YAML cannot build.
    failFile(file, `The front matter cannot be read: ${(reason as Error).message}; write plain \`key: value\` lines`, 'frontmatter-syntax', node.position)
  }
  if (value === null || value === undefined) return
  if (typeof value !== 'object' || Array.isArray(value)) {
    failFile(file, 'The front matter (between the `---` lines at the top) must be `key: value` lines, such as `title: A shorter title`', 'frontmatter-shape', node.position)
  }
  const matter: Record<string, string> = {}
  const placeOf = (key: string) => keyPoint(doc, lineCounter, key, firstLine) ?? node.position
  for (const [key, entry] of Object.entries(value as object)) {
    if (!knownKeys.has(key)) {
      file.message(`Unknown front matter key \`${key}\` (a chapter knows: ${[...knownKeys].join(', ')}); it is ignored, and book-wide settings go in book.yaml`, {
        place: placeOf(key),
        ruleId: 'frontmatter-key',
        source: 'samizdat',
      })
    } else if (typeof entry === 'string' && entry.trim() !== '') matter[key] = entry
    else if (typeof entry === 'number') matter[key] = String(entry)
    else {
      file.message(`Front matter \`${key}\` must be a line of text, such as \`${key}: The chapter's name\`; it is ignored`, {
        place: placeOf(key),
        ruleId: 'frontmatter-key',
        source: 'samizdat',
      })
    }
  }
  file.data.matter = matter as ChapterMatter
}

export default remarkChapterFrontmatter

/** Where `key` is written in the front matter, in chapter coordinates. */
function keyPoint(doc: Document, lineCounter: LineCounter, key: string, firstLine: number): Point | undefined {
  if (!isMap(doc.contents)) return undefined
  const pair = doc.contents.items.find((item) => (item.key as { value?: unknown } | null)?.value === key)
  const offset = (pair?.key as { range?: [number, number, number] } | null | undefined)?.range?.[0]
  if (offset === undefined) return undefined
  const { line, col } = lineCounter.linePos(offset)
  return { line: firstLine + line - 1, column: col }
}
