import type { Element, ElementContent } from 'hast'
import { h } from 'hastscript'
import { visit } from 'unist-util-visit'
import type { BookTree } from '../lib/book-model.ts'
import type { ResolvedBook } from '../config/resolve-book.ts'
import { formatDate } from '../lib/format-date.ts'
import { termsForLang } from '../lib/terms-for-lang.ts'
import { tocToHast } from '../lib/toc-to-hast.ts'

/** The half-title: the title alone on the first recto. */
export function halfTitle(book: ResolvedBook): Element {
  return h('section.half-title', { ariaHidden: 'true' }, [h('p.book-title', book.title)])
}

/** The title page: title, subtitle, author(s), editor(s), publisher. */
export function titlePage(book: ResolvedBook): Element {
  const terms = termsForLang(book.lang)
  return h('section.title-page', { role: 'doc-titlepage', ariaLabel: terms.titlePage }, [
    h('div.title-block', [
      h('h1.book-title', book.title),
      ...(book.subtitle ? [h('p.book-subtitle', book.subtitle)] : []),
    ]),
    h('div.title-people', [
      ...(book.authors.length > 0 ? [h('p.book-author', book.authors.join(', '))] : []),
      ...(book.editors.length > 0 ? [h('p.book-editor', book.editors.join(', '))] : []),
    ]),
    ...(book.publisher ? [h('p.book-publisher', book.publisher)] : []),
  ])
}

/**
 * The copyright page on the title's verso: rights, licence, source, edition
 * and date, publisher, identifier, and how the book was typeset.
 */
export function colophon(book: ResolvedBook): Element {
  const terms = termsForLang(book.lang)
  const edition = [book.edition, book.date ? formatDate(book.date, book.lang) : undefined].filter(Boolean).join(', ')
  const typeface = book.typeface
  return h('section.colophon', { role: 'doc-colophon', ariaLabel: terms.copyright }, [
    h('div.colophon-text', [
      h('p.colophon-title', [h('span.colophon-book', book.title), ...(book.subtitle ? [`: ${book.subtitle}`] : [])]),
      ...(book.authors.length > 0 ? [h('p', book.authors.join(', '))] : []),
      ...(book.rights ? [h('p', book.rights)] : []),
      ...(book.licence ? [h('p', [book.licence.name, ...(book.licence.url ? [h('br'), printedUrl(book.licence.url)] : [])])] : []),
      ...(book.source ? [h('p', [...(book.source.title ? [book.source.title, h('br')] : []), printedUrl(book.source.url)])] : []),
      ...(edition ? [h('p', edition)] : []),
      ...(book.publisher ? [h('p', book.publisher)] : []),
      ...(book.identifier ? [h('p.identifier', book.identifier)] : []),
      h('p.typeset', `${terms.typeset} ${typeface} ${terms.typesetWith} samizdat.`),
    ]),
  ])
}

/** The contents list, its page numbers filled in by `target-counter` (see print.css). */
export function contents(tree: BookTree): Element {
  const terms = termsForLang(tree.book.lang)
  const list = tocToHast(tree.toc, { href: (entry) => `#${entry.id}` })
  // The number hangs in its own box (print.css): the space after it would indent the first line.
  visit(list, 'element', (node: Element) => {
    const [first, second] = node.children
    const numbered = first?.type === 'element' && String(first.properties['className']).includes('secno')
    if (node.tagName === 'a' && numbered && second?.type === 'text') second.value = second.value.trimStart()
  })
  if (tree.bibliography) {
    list.children.push(h('li.toc-level-1', [h('a', { href: `#${bibliographyId(tree.bibliography)}` }, terms.bibliography)]))
  }
  return h('nav#toc.contents', { role: 'doc-toc', ariaLabelledBy: 'toc-title' }, [h('h2#toc-title', terms.contents), list])
}

/** The bibliography section's id (`refs`), which the contents and the outline point at. */
export function bibliographyId(section: Element): string {
  return typeof section.properties['id'] === 'string' ? section.properties['id'] : 'refs'
}

/** A URL as printed: a link whose text breaks between its parts (see rehype-print-links). */
function printedUrl(url: string): ElementContent {
  return h('a', { href: url }, url)
}
