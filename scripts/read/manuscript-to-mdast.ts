import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Root } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGridTables from '@adobe/remark-gridtables'
import remarkDefinitionList from 'remark-definition-list'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import type { MdastChapter } from '../lib/book-model.ts'
import { configPlace, type ResolvedBook } from '../config/resolve-book.ts'
import { decodeUtf8 } from '../diagnostics/decode-utf8.ts'
import { failFile } from '../diagnostics/fail.ts'
import type { QuotePreference } from '../lib/quotes-for-lang.ts'
import remarkChapterFrontmatter from './remark-chapter-frontmatter.ts'
import remarkBracketedSpans from './remark-bracketed-spans.ts'
import remarkFencedDivs from './remark-fenced-divs.ts'
import remarkInlineNotes from './remark-inline-notes.ts'
import remarkCaptions from './remark-captions.ts'
import remarkCrossReferences from './remark-cross-references.ts'
import remarkEquationLabels from './remark-equation-labels.ts'
import remarkImplicitFigures from './remark-implicit-figures.ts'
import remarkLineBlocks from './remark-line-blocks.ts'
import remarkPandocTables from './remark-pandoc-tables.ts'
import remarkRawTex from './remark-raw-tex.ts'
import remarkTexMath from './remark-tex-math.ts'
import remarkMdbookDirectives from './remark-mdbook-directives.ts'
import remarkHeadingAttributes from './remark-heading-attributes.ts'
import remarkNestingLimit, { deepestLine, maxTreeDepth } from './remark-nesting-limit.ts'
import remarkSmartPunctuation from './remark-smart-punctuation.ts'
import remarkUnreadMarkup from './remark-unread-markup.ts'
import { timedPlugin } from '../diagnostics/timed-plugin.ts'
import { timeStep } from '../diagnostics/timings.ts'
import { parseCache } from './parse-cache.ts'

/**
 * The Markdown dialect samizdat reads: CommonMark + GFM + front matter +
 * pandoc's extensions (heading and other attributes, fenced divs, bracketed
 * spans, line blocks, inline notes, definition lists, grid/simple/multiline tables,
 * captions, implicit figures, TeX math, raw LaTeX, cross-references).
 */
export function createMarkdownParser(lang: string, quotes?: QuotePreference) {
  return (
    unified()
      .use(remarkParse)
      // First: every later transform recurses, and must not meet a tree too deep for it.
      .use(timedPlugin(remarkNestingLimit))
      .use(timedPlugin(remarkFrontmatter), ['yaml'])
      .use(timedPlugin(remarkChapterFrontmatter))
      // mdBook's `{{#include …}}`: its text in place before any construct reads it.
      .use(timedPlugin(remarkMdbookDirectives))
      .use(timedPlugin(remarkGfm))
      // `^[…]` as `[^id]` footnotes, before any transform that treats notes as notes.
      .use(timedPlugin(remarkInlineNotes))
      // Pandoc's definition lists and grid tables: well-kept parsers of their own.
      .use(timedPlugin(remarkDefinitionList))
      .use(timedPlugin(remarkGridTables))
      .use(timedPlugin(remarkPandocTables))
      .use(timedPlugin(remarkFencedDivs))
      .use(timedPlugin(remarkTexMath))
      .use(timedPlugin(remarkBracketedSpans))
      .use(timedPlugin(remarkRawTex))
      .use(timedPlugin(remarkLineBlocks))
      .use(timedPlugin(remarkImplicitFigures))
      .use(timedPlugin(remarkCaptions))
      .use(timedPlugin(remarkEquationLabels))
      // Before citations (read later, book-wide): `@fig:x` is a cross-reference, not a citation key.
      .use(timedPlugin(remarkCrossReferences))
      .use(timedPlugin(remarkHeadingAttributes))
      // After every construct: what still looks like pandoc markup was not read, and would print.
      .use(timedPlugin(remarkUnreadMarkup))
      // Quotes and apostrophes by the nearest language (a span's or div's `lang`), `--` en dash and `---` em dash, as pandoc's `smart` extension does.
      .use(timedPlugin(remarkSmartPunctuation), { lang, quotes })
      .freeze()
  )
}

/**
 * Read every chapter of the book and parse it to mdast. A chapter that is
 * missing or not UTF-8 stops the build with a message naming it.
 */
export async function manuscriptToMdast(book: ResolvedBook): Promise<MdastChapter[]> {
  const parser = createMarkdownParser(book.lang, book.quotes)
  const cache = parseCache({ root: book.root, lang: book.lang, quotes: book.quotes })
  const ids = new Set<string>()
  const chapters: MdastChapter[] = []
  for (const [index, chapterPath] of book.chapters.entries()) {
    const { file, bytes } = await timeStep('read chapter files', () => readChapter(book, chapterPath, index))
    let mdast = await timeStep('parse cache: read', () => cache.read(file, bytes))
    if (!mdast) {
      const before = file.messages.length
      mdast = await parseChapter(parser, file)
      timeStep('parse cache: write', () => cache.write(file, bytes, mdast!, before))
    }
    chapters.push({ id: uniqueId(chapterId(chapterPath), ids), index, file, mdast })
  }
  await cache.flush()
  if (chapters.every((chapter) => chapter.mdast.children.every((node) => node.type === 'yaml'))) {
    const names = chapters.map((chapter) => `\`${path.relative(book.root, chapter.file.path)}\``)
    const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]!
    failFile(
      chapters[0]!.file,
      `The manuscript has no text: ${names.length === 1 ? `${list} is empty` : `${list} are all empty`} (or hold only front matter): write the book in them, or check that you gave samizdat the right folder`,
      'empty-manuscript',
      { line: 1, column: 1 },
    )
  }
  return chapters
}

/** Parse and transform one chapter; a text nested so deep that the parser itself overflows stops at its likely line. */
async function parseChapter(parser: ReturnType<typeof createMarkdownParser>, file: VFile): Promise<Root> {
  try {
    const mdast = timeStep('parse (micromark, with every syntax extension)', () => parser.parse(file)) as Root
    await parser.run(mdast, file)
    return mdast
  } catch (error) {
    if (!(error instanceof RangeError && /call stack/i.test(error.message))) throw error
    return failFile(
      file,
      `The text is nested too deeply to read (hundreds of lists in lists, quotes in quotes, brackets or emphasis marks inside each other; samizdat takes up to ${maxTreeDepth} levels): check the indentation, the \`>\` marks and the brackets near here`,
      'nesting-too-deep',
      deepestLine(String(file.value)),
    )
  }
}

async function readChapter(book: ResolvedBook, chapterPath: string, index: number): Promise<{ file: VFile; bytes: Buffer }> {
  let bytes: Buffer
  try {
    bytes = await readFile(chapterPath)
  } catch (error) {
    const config = book.configFile ?? new VFile({ path: chapterPath })
    const name = path.relative(book.root, chapterPath)
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT'
        ? `Chapter \`${name}\` is listed in book.yaml but there is no such file: create it, or correct its name under \`chapters\` (names are case-sensitive)`
        : code === 'EISDIR'
          ? `Chapter \`${name}\` is a folder, not a Markdown file: list the \`.md\` files inside it under \`chapters\``
          : `Chapter \`${name}\` cannot be read (${code ?? (error as Error).message}): check that the file is yours to read`
    return failFile(config, reason, 'missing-chapter', configPlace(book.configFile, ['chapters', index]))
  }
  const file = new VFile({ path: chapterPath, cwd: book.root })
  file.value = decodeUtf8(bytes, file)
  return { file, bytes }
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
