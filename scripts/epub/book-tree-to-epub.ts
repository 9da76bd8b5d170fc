import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Element } from 'hast'
import { headingRank } from 'hast-util-heading-rank'
import { toString as hastToString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { loadBookFonts } from '../lib/book-fonts.ts'
import type { BookTree, PageStart, TocEntry } from '../lib/book-model.ts'
import { bookHasMath, bookText } from '../lib/book-text.ts'
import { collectIds } from '../lib/collect-ids.ts'
import { accessibilityMetadata, conformanceGaps } from './accessibility-metadata.ts'
import { bibliographyDocument, bibliographyHref } from './bibliography-document.ts'
import { bookIdentifier } from './book-identifier.ts'
import { readBookImage } from '../lib/sanitize-svg.ts'
import { bookImages, countImages, imageMediaType } from './book-images.ts'
import { chapterDocuments, chapterHref } from './chapter-documents.ts'
import { checkHeadingOrder, untitledChapters } from './check-heading-order.ts'
import { type CoverImage, epubCover } from './epub-cover.ts'
import { modifiedDate } from './epub-date.ts'
import { type EpubEntry, epubZip } from './epub-zip.ts'
import { coverAlt, coverDocument, coverHref, titlePageDocument, titlePageHref } from './front-matter-documents.ts'
import { type Landmark, navDocument, navHref } from './nav-document.ts'
import { containerXml, type ManifestItem, packageDocument, packagePath } from './package-document.ts'
import { type PageMark, placePageMarks } from './page-breaks.ts'
import { termsForLang } from '../lib/terms-for-lang.ts'

/** Options for {@link bookTreeToEpub}. */
export interface EpubOptions {
  /** Where each page of the print PDF of this build begins; without them the EPUB has no page-list. */
  readonly pageStarts?: readonly PageStart[]
  /** `dcterms:modified` and the zip timestamps: an ISO 8601 date or date-time (see `epubDate`). */
  readonly date: string
  /** `false` to skip rendering a cover when book.yaml names none. */
  readonly renderCover?: boolean
  readonly signal?: AbortSignal
}

/** The EPUB, and the file that carries this stage's own messages (chapter problems go on the chapters). */
export interface EpubResult {
  readonly epub: Uint8Array
  readonly file: VFile
}

const stylesheet = new URL('../../styles/epub.css', import.meta.url)
const root = 'EPUB/'

/**
 * The EPUB 3 edition (https://www.w3.org/TR/epub-33/): one XHTML document
 * per chapter, a navigation document with contents, landmarks and the print
 * edition's page-list, the book face embedded, a cover, and accessibility
 * metadata; zipped so the same input gives the same bytes.
 */
export async function bookTreeToEpub(tree: BookTree, options: EpubOptions): Promise<EpubResult> {
  const { book } = tree
  const file = new VFile({ path: 'book.epub' })
  const terms = termsForLang(book.lang)
  const identifier = bookIdentifier(book)
  const modified = modifiedDate(options.date)
  const headingProblems = checkHeadingOrder(tree.chapters)
  const styles = ['styles/fonts.css', 'styles/epub.css']
  const images = bookImages(tree)

  const documentOfId = new Map([...collectIds(tree.chapters)].map(([id, chapter]) => [id, chapterHref(chapter)]))
  for (const id of elementIds(tree.bibliography)) documentOfId.set(id, bibliographyHref)
  const documentOf = (id: string) => documentOfId.get(id)

  const marks = options.pageStarts ? placePageMarks(options.pageStarts) : []
  if (!options.pageStarts) file.info('No print edition was built with this EPUB, so it has no page list: build the PDF in the same run (`--format pdf,epub`) to give reading groups the print page numbers', { ruleId: 'epub-no-page-list', source: 'samizdat' })
  const placed: (PageMark & { href: string })[] = []
  const onPlaced = (mark: PageMark, href: string) => placed.push({ ...mark, href })
  const chapters = await chapterDocuments(tree, { marks, documentOf, images, stylesheets: styles, onPlaced })
  const bibliography = tree.bibliography ? bibliographyDocument(tree.bibliography, { lang: book.lang, terms, stylesheets: styles, marks, onPlaced, file }) : undefined
  reportUnplaced(file, marks, placed)
  placed.sort((a, b) => a.page - b.page)

  options.signal?.throwIfAborted()
  const cover: CoverImage | undefined = await epubCover(tree.book, file, options.renderCover === false ? { renderCover: false } : {})
  options.signal?.throwIfAborted()
  const landmarks: Landmark[] = [
    ...(cover ? [{ type: 'cover', href: coverHref, label: terms.cover }] : []),
    { type: 'titlepage', href: titlePageHref, label: terms.titlePage },
    { type: 'toc', href: `${navHref}#toc`, label: terms.contents },
    ...(chapters[0] ? [{ type: 'bodymatter', href: chapters[0].href, label: chapters[0].title }] : []),
    ...bibliographyLandmark(tree, documentOf, terms.bibliography),
  ]
  const pageSource = `${identifier} (print)`
  const otherLanguages = textLanguages(tree).filter((lang) => lang.toLowerCase() !== book.lang.toLowerCase())
  const facts = {
    ...countImages(tree),
    headingProblems,
    untitledChapters: untitledChapters(tree.chapters).map((chapter) => path.relative(book.root, chapter.file.path) || chapter.file.path),
    pageMarks: placed.length,
    pageBreakSource: pageSource,
    lang: book.lang,
    otherLanguages,
  }
  const meta = accessibilityMetadata(facts)
  const gaps = conformanceGaps(facts)
  if (gaps.length > 0) {
    file.message(`The EPUB claims no WCAG 2.1 Level AA conformance (EPUB Accessibility 1.1), because ${gaps.join('; ')}`, { ruleId: 'epub-accessibility', source: 'samizdat' })
  }

  const fonts = await loadBookFonts(book.typeface, bookText(tree), { math: bookHasMath(tree) })
  const documents = [
    ...(cover ? [{ id: 'cover', href: coverHref, xhtml: coverDocument(book, terms, { href: cover.href, alt: coverAlt(book) }, styles), properties: [] as string[], linear: true }] : []),
    { id: 'titlepage', href: titlePageHref, xhtml: titlePageDocument(book, terms, identifier, styles), properties: [] as string[] },
    { id: 'nav', href: navHref, xhtml: navDocument({ lang: book.lang, title: terms.contents, terms, toc: [...tree.toc, ...bibliographyEntry(tree, terms.bibliography)], documentOf, landmarks, pages: placed, stylesheets: styles }), properties: ['nav'] },
    ...chapters,
    ...(bibliography ? [{ id: 'bibliography', href: bibliographyHref, xhtml: bibliography, properties: [] as string[] }] : []),
  ]
  const resources: (ManifestItem & { readonly data: Uint8Array | string })[] = [
    { id: 'css-fonts', href: 'styles/fonts.css', mediaType: 'text/css', data: `${fonts.css('../fonts')}\n` },
    { id: 'css-epub', href: 'styles/epub.css', mediaType: 'text/css', data: (await readFile(stylesheet, 'utf8')).replace("'Literata'", `'${fonts.family}'`) },
    ...(await Promise.all(fonts.faces.map(async (face, index) => ({ id: `font-${index + 1}`, href: `fonts/${face.name}`, mediaType: 'font/woff2', data: await readFile(face.file) })))),
    ...(cover ? [{ id: 'cover-image', href: cover.href, mediaType: cover.mediaType, properties: ['cover-image'], data: cover.data }] : []),
    ...(await Promise.all([...images].map(async ([from, href], index) => ({ id: `image-${index + 1}`, href, mediaType: imageMediaType(href)!, data: await readBookImage(from) })))),
  ]
  const manifest: ManifestItem[] = [
    ...documents.map((document) => ({ id: document.id, href: document.href, mediaType: 'application/xhtml+xml', properties: document.properties })),
    ...resources,
  ]
  const opf = packageDocument({
    book,
    identifier,
    modified,
    manifest,
    spine: documents.map((document) => ({ idref: document.id })),
    meta,
    otherLanguages,
    ...(placed.length > 0 ? { pageSource } : {}),
    ...(cover ? { coverImageId: 'cover-image' } : {}),
  })
  const entries: EpubEntry[] = [
    { path: 'META-INF/container.xml', data: containerXml() },
    { path: packagePath, data: opf },
    ...documents.map((document) => ({ path: root + document.href, data: document.xhtml })),
    ...resources.map((resource) => ({ path: root + resource.href, data: resource.data })),
  ]
  return { epub: epubZip(entries, new Date(modified)), file }
}

/** The languages the chapters' and bibliography's text declares (`lang` attributes), in the order met. */
function textLanguages(tree: BookTree): string[] {
  const found = new Set<string>()
  for (const root of [...tree.chapters.map((chapter) => chapter.hast), ...(tree.bibliography ? [tree.bibliography] : [])]) {
    visit(root, 'element', (node: Element) => {
      const lang = node.properties['lang'] ?? node.properties['xmlLang']
      if (typeof lang === 'string' && lang !== '') found.add(lang)
    })
  }
  return [...found]
}

/** Every id in an element, for links into the bibliography. */
function elementIds(element: Element | undefined): string[] {
  const ids: string[] = []
  if (element) {
    visit(element, 'element', (node: Element) => {
      if (typeof node.properties['id'] === 'string') ids.push(node.properties['id'])
    })
  }
  return ids
}

/** Marks whose block no chapter has: the PDF and the EPUB were not made from the same book tree. */
function reportUnplaced(file: VFile, marks: readonly PageMark[], placed: readonly PageMark[]): void {
  const done = new Set(placed.map((mark) => mark.page))
  const missing = marks.filter((mark) => !done.has(mark.page))
  if (missing.length === 0) return
  file.message(`${missing.length} print page${missing.length === 1 ? '' : 's'} (${missing.map((mark) => mark.folio).join(', ')}) begin in a text block the EPUB does not have, and are left out of its page list: build the PDF and the EPUB in the same run`, {
    ruleId: 'page-break-missing',
    source: 'samizdat',
  })
}

/** The bibliography's own document as the contents' last entry (reading systems show the contents, not the landmarks). */
function bibliographyEntry(tree: BookTree, label: string): TocEntry[] {
  const section = tree.bibliography
  if (!section) return []
  const id = typeof section.properties['id'] === 'string' ? section.properties['id'] : undefined
  if (!id) return []
  const heading = section.children.find((child): child is Element => child.type === 'element' && headingRank(child) !== undefined)
  const text = (heading ? hastToString(heading).replace(/\s+/g, ' ').trim() : '') || label
  return [{ id, depth: 1, text, content: [{ type: 'text', value: text }], chapterId: '', children: [] }]
}

/** The bibliography's own document, or the chapter that holds `#refs` when the citations were placed there. */
function bibliographyLandmark(tree: BookTree, documentOf: (id: string) => string | undefined, label: string): Landmark[] {
  if (tree.bibliography) return [{ type: 'bibliography', href: bibliographyHref, label }]
  const href = documentOf('refs')
  return href ? [{ type: 'bibliography', href: `${href}#refs`, label }] : []
}
