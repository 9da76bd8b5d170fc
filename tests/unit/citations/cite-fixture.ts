import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after } from 'node:test'
import type { Element, Root as HastRoot } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import type { MdastChapter } from '../../../scripts/lib/book-model.ts'
import { type BookOverrides, type ResolvedBook, resolveBook } from '../../../scripts/config/resolve-book.ts'
import { type CitedBook, citeBook } from '../../../scripts/citations/remark-citations.ts'

/** A book run through citeBook, its chapters then turned into hast as the pipeline does. */
export interface CitedFixture {
  readonly book: ResolvedBook
  readonly chapters: readonly MdastChapter[]
  readonly result: CitedBook
  readonly hast: readonly HastRoot[]
}

/** Parse the book in `dir`, cite it, and convert each chapter with remark-rehype (footnote ids prefixed per chapter). */
export async function citeFixture(dir: string, overrides: BookOverrides = {}): Promise<CitedFixture> {
  const book = await resolveBook(dir, overrides)
  const parser = unified().use(remarkParse).use(remarkGfm)
  const chapters: MdastChapter[] = []
  for (const [index, chapterPath] of book.chapters.entries()) {
    const file = new VFile({ path: chapterPath, value: await readFile(chapterPath, 'utf8') })
    chapters.push({ id: `ch${index + 1}`, index, file, mdast: parser.parse(file) })
  }
  const result = await citeBook(chapters, book)
  const hast: HastRoot[] = []
  for (const chapter of chapters) {
    const tree = await unified().use(remarkRehype, { clobberPrefix: `${chapter.id}-` }).run(chapter.mdast, chapter.file)
    hast.push(tree as HastRoot)
  }
  return { book, chapters, result, hast }
}

const written: string[] = []
after(async () => {
  await Promise.all(written.map((dir) => rm(dir, { recursive: true, force: true })))
})

/** Write a small book (book.yaml plus files) to a fresh temporary folder, removed after the tests. */
export async function writeBook(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'samizdat-cite-'))
  written.push(dir)
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text)
  return dir
}

/** Elements matching a predicate, in document order. */
export function elements(tree: HastRoot | Element, test: (element: Element) => boolean): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node) => {
    if (test(node)) found.push(node)
  })
  return found
}

export const hasClass = (element: Element, name: string): boolean => {
  const className = element.properties['className']
  return Array.isArray(className) && className.includes(name)
}

/** Text with whitespace collapsed. */
export const text = (node: HastRoot | Element): string => hastToString(node).replace(/\s+/g, ' ').trim()

/** All messages of the given files as `file:line:col ruleId reason`. */
export function messages(files: readonly VFile[]): string[] {
  return files.flatMap((file) =>
    file.messages.map((message) => `${path.basename(file.path)}:${message.line ?? '?'}:${message.column ?? '?'} ${message.ruleId} ${message.reason}`),
  )
}
