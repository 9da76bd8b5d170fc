import type { Element, ElementContent, Properties, Root } from 'hast'
import type { Plugin } from 'unified'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import type { BookTree, HastChapter } from '../lib/book-model.ts'
import { termsForLang } from '../lib/terms-for-lang.ts'
import rehypeEpubPageBreaks, { type PageMark } from './page-breaks.ts'
import rehypeEpubFootnotes from './rehype-epub-footnotes.ts'
import rehypeEpubHtml5 from './rehype-epub-html5.ts'
import rehypeEpubLang from './rehype-epub-lang.ts'
import rehypeEpubLinks from './rehype-epub-links.ts'
import { xhtmlDocument } from './xhtml-document.ts'

/** One XHTML content document of the EPUB. */
export interface EpubDocument {
  /** Path relative to the package document, e.g. `chapter-introduction.xhtml`. */
  readonly href: string
  /** Manifest item id. */
  readonly id: string
  readonly title: string
  readonly xhtml: string
  /** Manifest `properties` (`svg`, `mathml`) the content needs (https://www.w3.org/TR/epub-33/#sec-item-resource-properties). */
  readonly properties: readonly string[]
}

/** What {@link chapterDocuments} needs besides the book. */
export interface ChapterDocumentOptions {
  readonly marks: readonly PageMark[]
  /** Called with each page mark placed, and the document it is in. */
  readonly onPlaced?: (mark: PageMark, href: string) => void
  /** The document that holds an id, for links across documents. */
  readonly documentOf: (id: string) => string | undefined
  /** Where each local image is in the EPUB, by its absolute path. */
  readonly images: ReadonlyMap<string, string>
  readonly stylesheets: readonly string[]
}

/** The document a chapter becomes. */
export function chapterHref(chapter: Pick<HastChapter, 'id'>): string {
  return `chapter-${chapter.id}.xhtml`
}

/**
 * One XHTML document per chapter: page-break markers from the print edition,
 * EPUB notes, links across documents, then serialised as XHTML. Works on a
 * copy: the book tree stays as every other output needs it.
 */
export async function chapterDocuments(tree: BookTree, options: ChapterDocumentOptions): Promise<EpubDocument[]> {
  const terms = termsForLang(tree.book.lang)
  const documents: EpubDocument[] = []
  for (const chapter of tree.chapters) {
    const href = chapterHref(chapter)
    const images = new Map([...(chapter.file.data.resources ?? new Map<string, string>())].flatMap(([src, file]) => {
      const image = options.images.get(file)
      return image ? [[src, image] as const] : []
    }))
    const processor = unified()
      .use(rehypeEpubPageBreaks, { marks: options.marks, onPlaced: (mark) => options.onPlaced?.(mark, href) })
      .use(rehypeStripSids)
      .use(rehypeEpubFootnotes, { notesLabel: terms.notes })
      .use(rehypeEpubLinks, { documentHref: href, documentOf: options.documentOf, images })
      .use(rehypeEpubHtml5)
      .use(rehypeEpubLang)
    const hast = (await processor.run(structuredClone(chapter.hast), chapter.file)) as Root
    const body = hast.children.filter((node): node is ElementContent => node.type !== 'doctype')
    const { ids, properties } = scanDocument(hast)
    const labelled: Properties = ids.has(chapter.headingId) ? { ariaLabelledBy: [chapter.headingId] } : { ariaLabel: chapter.title }
    const section: Element = {
      type: 'element',
      tagName: 'section',
      properties: { id: `chapter-${chapter.id}`, 'epub:type': 'chapter', role: 'doc-chapter', ...labelled },
      children: body,
    }
    documents.push({
      href,
      id: `chapter-${chapter.id}`,
      title: chapter.title,
      xhtml: xhtmlDocument({ lang: tree.book.lang, title: chapter.title, stylesheets: options.stylesheets, body: [section], bodyProperties: { 'epub:type': 'bodymatter' } }),
      properties,
    })
  }
  return documents
}

/** The print layout's block ids have done their work; the EPUB does not carry them. */
const rehypeStripSids: Plugin<[], Root> = () => (tree) => {
  visit(tree, 'element', (node: Element) => {
    delete node.properties['dataSid']
  })
}

/** The document's ids, and its manifest properties (`svg`, `mathml`), in one pass. */
function scanDocument(tree: Root): { ids: Set<unknown>; properties: string[] } {
  const ids = new Set<unknown>()
  const properties = new Set<string>()
  visit(tree, 'element', (node: Element) => {
    ids.add(node.properties['id'])
    addContentProperty(node, properties)
  })
  return { ids, properties: [...properties].sort() }
}

/** `svg` and `mathml` when the document holds inline SVG or MathML. */
function addContentProperty(node: Element, properties: Set<string>): void {
  if (node.tagName === 'svg') properties.add('svg')
  if (node.tagName === 'math') properties.add('mathml')
}
