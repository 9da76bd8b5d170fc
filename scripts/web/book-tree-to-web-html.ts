import type { Element, ElementContent, Root } from 'hast'
import { h } from 'hastscript'
import { toHtml } from 'hast-util-to-html'
import { bookHead } from '../lib/book-head.ts'
import type { BookTree, HastChapter } from '../lib/book-model.ts'
import { cloneHast } from '../lib/clone-hast.ts'
import { pointImagesIntoBuild } from '../lib/build-images.ts'
import { termsForLang } from '../lib/terms-for-lang.ts'
import { tocToHast } from '../lib/toc-to-hast.ts'
import { unified } from 'unified'
import rehypeScrollTables from './rehype-scroll-tables.ts'
import { formatDate } from '../lib/format-date.ts'

/** The stylesheets the web edition links, relative to `book.html`. */
export interface WebAssets {
  readonly stylesheets: readonly string[]
  /** The book's images: source file → path relative to `book.html`. */
  readonly images?: ReadonlyMap<string, string>
}

/** The single-page web edition: title block, contents, chapters, bibliography, colophon. */
export function bookTreeToWebHtml(tree: BookTree, assets: WebAssets): string {
  const { book } = tree
  const terms = termsForLang(book.lang)
  const tables = unified().use(rehypeScrollTables, { term: terms.table, counter: { value: 0 } })
  const document: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: book.lang }, [
        bookHead(book, {
          meta: [
            h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
            ...(book.description ? [h('meta', { name: 'description', content: book.description })] : []),
            ...(book.keywords.length > 0 ? [h('meta', { name: 'keywords', content: book.keywords.join(', ') })] : []),
          ],
          stylesheets: assets.stylesheets,
        }),
        h('body', [
          titleBlock(tree),
          h('nav#toc', { role: 'doc-toc', ariaLabelledBy: 'toc-title' }, [h('h2#toc-title', terms.contents), tocToHast(tree.toc, { href: (entry) => `#${entry.id}` })]),
          h('main', [
            ...tree.chapters.map((chapter) => h('section.chapter', { id: `chapter-${chapter.id}`, role: 'doc-chapter' }, webChapter(chapter, assets.images ?? new Map(), tables))),
            ...(tree.bibliography ? [tree.bibliography] : []),
          ]),
          colophon(tree),
        ]),
      ]),
    ],
  }
  return toHtml(document)
}

function titleBlock({ book }: BookTree): Element {
  return h('header.title-block', [
    h('p.book-title', book.title),
    ...(book.subtitle ? [h('p.book-subtitle', book.subtitle)] : []),
    ...(book.authors.length > 0 ? [h('p.book-author', book.authors.join(', '))] : []),
    ...(book.editors.length > 0 ? [h('p.book-editor', book.editors.join(', '))] : []),
  ])
}

function colophon({ book }: BookTree): Element {
  return h('footer.colophon', [
    ...(book.rights ? [h('p', book.rights)] : []),
    ...(book.licence ? [h('p', book.licence.url ? h('a', { href: book.licence.url, rel: 'license' }, book.licence.name) : book.licence.name)] : []),
    ...(book.source ? [h('p', h('a', { href: book.source.url }, book.source.title ?? book.source.url))] : []),
    ...(book.date ? [h('p', h('time', { dateTime: book.date }, formatDate(book.date, book.lang)))] : []),
  ])
}

/** A copy of the chapter whose images point into the web edition's `assets/` and whose tables scroll. */
function webChapter(chapter: HastChapter, images: ReadonlyMap<string, string>, tables: { runSync(tree: Root): Root }): ElementContent[] {
  const copy = cloneHast(chapter.hast)
  if (images.size > 0) pointImagesIntoBuild(copy, chapter, images)
  return tables.runSync(copy).children as ElementContent[]
}
