import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Root } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkSmartypants from 'remark-smartypants'
import { unified } from 'unified'
import { VFile } from 'vfile'
import type { MdastChapter } from './book-model.ts'
import { configPlace, type ResolvedBook } from './config/resolve-book.ts'
import { failFile } from './diagnostics/fail.ts'
import { quotesForLang } from './locale/quotes-for-lang.ts'
import remarkChapterFrontmatter from './remark-chapter-frontmatter.ts'
import remarkHeadingAttributes from './remark-heading-attributes.ts'

/** The Markdown dialect samizdat reads: CommonMark + GFM + front matter + pandoc heading attributes. */
export function createMarkdownParser(lang: string) {
  return (
    unified()
      .use(remarkParse)
      .use(remarkFrontmatter, ['yaml'])
      .use(remarkChapterFrontmatter)
      .use(remarkGfm)
      .use(remarkHeadingAttributes)
      // `--` en dash and `---` em dash, as pandoc's `smart` extension does.
      .use(remarkSmartypants, { dashes: 'oldschool', ...quotesForLang(lang) })
      .freeze()
  )
}

/**
 * Read every chapter of the book and parse it to mdast. A chapter that is
 * missing or not UTF-8 stops the build with a message naming it.
 */
export async function manuscriptToMdast(book: ResolvedBook): Promise<MdastChapter[]> {
  const parser = createMarkdownParser(book.lang)
  const ids = new Set<string>()
  const chapters: MdastChapter[] = []
  for (const [index, chapterPath] of book.chapters.entries()) {
    const file = await readChapter(book, chapterPath, index)
    const mdast = parser.parse(file) as Root
    await parser.run(mdast, file)
    chapters.push({ id: uniqueId(chapterId(chapterPath), ids), index, file, mdast })
  }
  if (chapters.every((chapter) => chapter.mdast.children.every((node) => node.type === 'yaml'))) {
    failFile(book.configFile ?? chapters[0]!.file, 'The manuscript has no text: every chapter file is empty', 'empty-manuscript')
  }
  return chapters
}

async function readChapter(book: ResolvedBook, chapterPath: string, index: number): Promise<VFile> {
  let bytes: Buffer
  try {
    bytes = await readFile(chapterPath)
  } catch (error) {
    const config = book.configFile ?? new VFile({ path: chapterPath })
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? `Chapter \`${path.relative(book.root, chapterPath)}\` is listed in book.yaml but does not exist: create it, or fix its name under \`chapters\``
        : `Chapter \`${path.relative(book.root, chapterPath)}\` cannot be read: ${(error as Error).message}`
    return failFile(config, reason, 'missing-chapter', configPlace(book.configFile, ['chapters', index]))
  }
  const file = new VFile({ path: chapterPath, cwd: book.root })
  file.value = decodeUtf8(bytes, file)
  return file
}

/** Decode strictly: a Latin-1 or Windows-1252 file must not turn into mojibake silently. */
function decodeUtf8(bytes: Buffer, file: VFile): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    const offset = firstInvalidUtf8(bytes)
    const before = bytes.subarray(0, offset).toString('utf8')
    const line = before.split('\n').length
    const column = before.length - before.lastIndexOf('\n')
    return failFile(
      file,
      `This file is not UTF-8 (byte 0x${bytes[offset]?.toString(16).padStart(2, '0')} at line ${line}): save it as UTF-8 in your editor (“Save with encoding”, “UTF-8”)`,
      'not-utf8',
      { line, column },
    )
  }
}

function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let low = 0
  let high = bytes.length
  // Binary search for the shortest prefix that fails to decode.
  while (low < high) {
    const middle = (low + high) >>> 1
    try {
      decoder.decode(bytes.subarray(0, middle + 1), { stream: true })
      decoder.decode()
      low = middle + 1
    } catch {
      high = middle
    }
  }
  // Step back over the start of the broken sequence.
  let start = low
  while (start > 0 && low - start < 3 && (bytes[start]! & 0xc0) === 0x80) start--
  return start
}

/** `01-introduction.md` → `introduction`. */
export function chapterId(chapterPath: string): string {
  const base = path.basename(chapterPath).replace(/\.(md|markdown)$/i, '')
  const slug = base
    .replace(/^\d+[-_ .]*/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return slug === '' ? `chapter-${base.replace(/\D/g, '') || '1'}` : /^[a-z]/.test(slug) ? slug : `ch-${slug}`
}

function uniqueId(id: string, seen: Set<string>): string {
  let candidate = id
  for (let n = 2; seen.has(candidate); n++) candidate = `${id}-${n}`
  seen.add(candidate)
  return candidate
}
