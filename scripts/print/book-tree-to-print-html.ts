
import type { Element, ElementContent, Nodes, Root } from 'hast'
import { h } from 'hastscript'
import { toHtml } from 'hast-util-to-html'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { bookHead } from '../lib/book-head.ts'
import { buildImages, pointImagesIntoBuild } from '../lib/build-images.ts'
import type { BookTree, } from '../lib/book-model.ts'
import { cloneHast } from '../lib/clone-hast.ts'
import { eachElement } from '../lib/each-element.ts'
import { configPlace } from '../config/resolve-book.ts'
import { termsForLang } from '../lib/terms-for-lang.ts'
import { bibliographyId, colophon, contents, halfTitle, titlePage } from './print-front-matter.ts'
import { type PrintOptions, runningHeadCapacity } from './print-page-css.ts'
import rehypeHyphenate, { hyphenationPatternName } from './rehype-hyphenate.ts'
import rehypePrintKeeps from './rehype-print-keeps.ts'
import rehypePrintFootnotes from './rehype-print-footnotes.ts'
import rehypePrintLinks from './rehype-print-links.ts'

/** What the print document links and how its images are named in the build folder. */
export interface PrintDocumentOptions extends PrintOptions {
  /** Stylesheets, relative to the document, in cascade order. */
  readonly stylesheets: readonly string[]
  /** Scripts that prepare the layout (Paged.js hooks), relative to the document. */
  readonly scripts?: readonly string[]
}

/**
 * The print edition as one HTML document for Paged.js: half-title, title
 * page, copyright page, contents, the chapters (each opening on a recto),
 * the bibliography. Footnotes sit at their calls, text is hyphenated, images
 * point into the build folder (see {@link buildImages}). Same tree, same bytes.
 */
export function bookTreeToPrintHtml(tree: BookTree, options: PrintDocumentOptions): string {
  const body = printBody(tree, options)
  return printDocument(tree, options, [...body.front, h('main', { dataBookTitle: fitRunningHead(tree.book.title, runningHeadCapacity(tree.book.pageSize)) }, [...body.chapters, ...body.bibliography])])
}

/**
 * Body text per part when the book is laid out in parts: about 50 A5 pages.
 * Each part costs Paged.js a fixed ~0.3 s (loading, parsing the CSS) and its
 * cost per page grows with the document, so parts of 40–70 pages are the
 * cheapest (issue 8's measurements); the size changes speed, never output.
 */
export const defaultPartChars = 90_000

/**
 * The same print edition cut into documents that can be laid out apart (each
 * opens on a recto): the front matter (contents included), then the chapters
 * and the bibliography in runs of about `partChars` characters of text. Each
 * has the same head.
 */
export function bookTreeToPrintHtmlParts(tree: BookTree, options: PrintDocumentOptions, partChars = defaultPartChars): string[] {
  const body = printBody(tree, options)
  const sections = [...body.chapters, ...body.bibliography]
  const groups = groupByLength(sections.map(textLength), partChars)
  return [
    printDocument(tree, options, body.front),
    ...groups.map((group) => printDocument(tree, options, [h('main', { dataBookTitle: fitRunningHead(tree.book.title, runningHeadCapacity(tree.book.pageSize)) }, group.map((index) => sections[index]!))])),
  ]
}

/**
 * Cut a run of items into consecutive groups of about `target` in total
 * length, as even as the items allow: as many groups as `target` fits in the
 * whole (at least one), each closed at the item nearest its share.
 */
export function groupByLength(lengths: readonly number[], target: number): number[][] {
  const total = lengths.reduce((sum, length) => sum + length, 0)
  const count = Math.max(1, Math.min(lengths.length, Math.round(total / Math.max(1, target))))
  const groups: number[][] = []
  let group: number[] = []
  let sum = 0
  lengths.forEach((length, index) => {
    group.push(index)
    sum += length
    const share = (total * (groups.length + 1)) / count
    const groupsToCome = count - 1 - groups.length
    const itemsLeft = lengths.length - index - 1
    // Close where the running sum is nearest its share, keeping an item for every group still to come.
    const nearest = sum + (lengths[index + 1] ?? 0) / 2 >= share
    if (groupsToCome > 0 && (nearest || itemsLeft === groupsToCome)) {
      groups.push(group)
      group = []
    }
  })
  if (group.length > 0) groups.push(group)
  return groups
}

/** `toString(node).length` (hast-util-to-string) without building the string. */
function textLength(node: Nodes): number {
  if (node.type === 'text') return node.value.length
  if (!('children' in node)) return 0
  let length = 0
  for (const child of node.children) length += textLength(child)
  return length
}

function printBody(tree: BookTree, options: PrintDocumentOptions): { front: ElementContent[]; chapters: Element[]; bibliography: Element[] } {
  const { book } = tree
  const images = buildImages(tree)
  const hyphenate = book.hyphenate && canHyphenate(tree)
  const targets = crossReferenceTargets(tree)
  const terms = termsForLang(book.lang)
  const links = unified().use(rehypePrintLinks, { targets, pageTerm: terms.page })
  warnLongRunningHeads(tree)
  const capacity = runningHeadCapacity(book.pageSize)
  // One processor for every chapter: the hyphenator (patterns, cache of hyphenated words) is made once per book.
  const processor = unified().use(rehypePrintFootnotes).use(rehypePrintLinks, { targets, pageTerm: terms.page }).use(rehypePrintKeeps)
  // book.yaml's `hyphenation`: a list is for the book's language.
  const exceptions = Array.isArray(book.hyphenation) ? { [book.lang]: book.hyphenation } : (book.hyphenation ?? {})
  if (hyphenate) processor.use(rehypeHyphenate, { lang: book.lang, exceptions })
  let runningTitle = ''
  const chapters = tree.chapters.map((chapter, index) => {
    const hast = processor.runSync(cloneHast(chapter.hast), chapter.file) as Root
    pointImagesIntoBuild(hast, chapter, images)
    // A file that continues the chapter before it runs on under that chapter's head (print.css: `.continued`).
    if (!chapter.continues || runningTitle === '') runningTitle = fitRunningHead(chapter.title, capacity)
    const className = index === 0 ? ['chapter', 'body-start'] : chapter.continues ? ['chapter', 'continued'] : ['chapter']
    return h(
      'section',
      // The body's folios start at 1 on the first chapter (see print.css).
      { id: `chapter-${chapter.id}`, className, role: chapter.continues ? undefined : 'doc-chapter', dataRunningTitle: runningTitle },
      hast.children as ElementContent[],
    )
  })
  const wanted = frontMatter(book, options)
  const front = [...(wanted.halfTitle ? [halfTitle(book)] : []), ...(wanted.titlePage ? [titlePage(book)] : []), ...(wanted.colophon ? [colophon(book)] : [])]
  const frontRoot = links.runSync({ type: 'root', children: front }, new VFile()) as Root
  return { front: [...(frontRoot.children as ElementContent[]), ...(wanted.contents ? [contents(tree)] : [])], chapters, bibliography: bibliography(tree) }
}

/**
 * Which front matter the book prints: all of it in a book; in a zine (whose
 * cover is its title) none, each brought back by its own book.yaml key.
 */
export function frontMatter(book: BookTree['book'], options: PrintDocumentOptions = { stylesheets: [] }): { halfTitle: boolean; titlePage: boolean; colophon: boolean; contents: boolean } {
  const isBook = book.profile !== 'zine'
  return {
    halfTitle: options.halfTitle !== false && (book.halfTitle ?? isBook),
    titlePage: isBook,
    colophon: book.colophon ?? isBook,
    contents: book.contents ?? isBook,
  }
}

function printDocument(tree: BookTree, options: PrintDocumentOptions, body: ElementContent[]): string {
  const { book } = tree
  const document: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: book.lang }, [
        bookHead(book, { stylesheets: options.stylesheets, ...(options.scripts ? { scripts: options.scripts } : {}) }),
        h('body', book.profile === 'zine' ? markZine(body) : body),
      ]),
    ],
  }
  return toHtml(document)
}

/**
 * A zine's sections open on the next page, not the next recto (print.css's
 * `.zine`). The class goes on the sections themselves: Paged.js matches its
 * break rules inside the body only, so `body.zine .chapter` would not apply.
 */
function markZine(body: ElementContent[]): ElementContent[] {
  const mark = (node: ElementContent): ElementContent => {
    if (node.type !== 'element') return node
    const className = Array.isArray(node.properties['className']) ? node.properties['className'] : []
    const children = node.tagName === 'main' ? node.children.map(mark) : node.children
    return { ...node, properties: { ...node.properties, className: [...className, 'zine'] }, children }
  }
  return body.map(mark)
}

/** Headings for the PDF outline, in book order: contents, chapters and their sections, bibliography. */
export function printOutline(tree: BookTree): { id: string; title: string; level: number }[] {
  const terms = termsForLang(tree.book.lang)
  const entries: { id: string; title: string; level: number }[] = frontMatter(tree.book).contents ? [{ id: 'toc-title', title: terms.contents, level: 1 }] : []
  const walk = (list: BookTree['toc']) => {
    for (const entry of list) {
      entries.push({ id: entry.id, title: entry.text, level: entry.depth })
      walk(entry.children)
    }
  }
  walk(tree.toc)
  if (tree.bibliography) entries.push({ id: bibliographyId(tree.bibliography), title: terms.bibliography, level: 1 })
  return entries
}

/** The bibliography on its own recto, with a heading and a running head. */
function bibliography(tree: BookTree): Element[] {
  if (!tree.bibliography) return []
  const terms = termsForLang(tree.book.lang)
  const section = cloneHast(tree.bibliography)
  const hasHeading = section.children.some((child) => child.type === 'element' && /^h[1-6]$/.test(child.tagName))
  if (!hasHeading) section.children.unshift(h('h1', terms.bibliography))
  section.properties['id'] = bibliographyId(section)
  const className = section.properties['className']
  section.properties['className'] = [...(Array.isArray(className) ? className : []), 'bibliography']
  section.properties['dataRunningTitle'] = terms.bibliography
  section.properties['role'] = 'doc-bibliography'
  return [section]
}

/** Ids an in-book link may get a page number for: anything in a chapter but footnotes. */
function crossReferenceTargets(tree: BookTree): Set<string> {
  const targets = new Set<string>()
  for (const chapter of tree.chapters) {
    targets.add(`chapter-${chapter.id}`)
    eachElement(chapter.hast, (node: Element) => {
      const id = node.properties['id']
      const isNote = node.properties['dataFootnoteRef'] !== undefined || node.tagName === 'li' || node.properties['dataFootnotes'] !== undefined
      if (typeof id === 'string' && !isNote) targets.add(id)
    })
  }
  return targets
}

/** A running head longer than its line is cut with an ellipsis (print.css): say so where it can be shortened. */
function warnLongRunningHeads(tree: BookTree): void {
  const capacity = runningHeadCapacity(tree.book.pageSize)
  for (const chapter of tree.chapters) {
    if (chapter.continues || chapter.title.length <= capacity) continue
    const heading = chapter.hast.children.find((node): node is Element => node.type === 'element' && node.tagName === 'h1')
    chapter.file.message(
      `The running head “${chapter.title}” is too long for a ${tree.book.pageSize} page (about ${capacity} characters fit), so it is shortened to “${fitRunningHead(chapter.title, capacity)}”: for a head of your own, write \`{short-title="…"}\` after the heading (or \`short-title:\` in the chapter's front matter)`,
      { ruleId: 'long-running-head', source: 'samizdat', ...(heading?.position ? { place: heading.position } : {}) },
    )
  }
  const { book } = tree
  if (book.title.length > capacity) {
    const place = configPlace(book.configFile, ['title'])
    book.configFile?.info(`The book title is too long for the running head of a ${book.pageSize} page (about ${capacity} characters fit), so it is shortened there to “${fitRunningHead(book.title, capacity)}”`, {
      ruleId: 'long-running-head',
      source: 'samizdat',
      ...(place ? { place } : {}),
    })
  }
}

/** A running head that fits `capacity` characters: cut at the last word that fits, with an ellipsis (print.css's ellipsis stays as the last guard). */
export function fitRunningHead(title: string, capacity: number): string {
  if (title.length <= capacity) return title
  const room = title.slice(0, Math.max(1, capacity - 1))
  const atWord = room.replace(/\s+\S*$/, '')
  return `${(atWord.length >= room.length / 2 ? atWord : room).replace(/[\s,;:.–—-]+$/, '')}…`
}

/** Report, once and at book.yaml's `lang`, a language without hyphenation patterns. */
function canHyphenate(tree: BookTree): boolean {
  if (hyphenationPatternName(tree.book.lang)) return true
  const file = tree.book.configFile ?? tree.chapters[0]?.file
  const place = configPlace(tree.book.configFile, ['lang'])
  file?.info(`No hyphenation patterns for language \`${tree.book.lang}\`: the print edition is justified without hyphenation (set \`hyphenate: false\` to silence this)`, {
    ruleId: 'hyphenation-unsupported',
    source: 'samizdat',
    ...(place ? { place } : {}),
  })
  return false
}
