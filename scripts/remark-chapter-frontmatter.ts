import type { Root } from 'mdast'
import type { Plugin } from 'unified'
import { parseDocument } from 'yaml'
import { failFile } from './diagnostics/fail.ts'

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
  const doc = parseDocument(node.value, { prettyErrors: false })
  const error = doc.errors[0]
  if (error) {
    const { line, col } = error.linePos?.[0] ?? { line: 1, col: 1 }
    failFile(file, `Front matter is not valid YAML: ${error.message.split('\n')[0]}`, 'frontmatter-syntax', {
      line: firstLine + line - 1,
      column: col,
    })
  }
  const value: unknown = doc.toJS()
  if (value === null || value === undefined) return
  if (typeof value !== 'object' || Array.isArray(value)) {
    failFile(file, 'Front matter must be `key: value` lines', 'frontmatter-shape', node.position)
  }
  for (const key of Object.keys(value as object)) {
    if (!knownKeys.has(key)) {
      file.message(`Unknown front matter key \`${key}\` (known: ${[...knownKeys].join(', ')}); book-wide settings go in book.yaml`, {
        place: node.position,
        ruleId: 'frontmatter-key',
        source: 'samizdat',
      })
    }
  }
  file.data.matter = value as ChapterMatter
}

export default remarkChapterFrontmatter
