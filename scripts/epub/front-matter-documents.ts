import type { Element } from 'hast'
import { h } from 'hastscript'
import type { ResolvedBook } from '../config/resolve-book.ts'
import type { Terms } from '../lib/terms-for-lang.ts'
import { xhtmlDocument } from './xhtml-document.ts'
import { formatDate } from '../lib/format-date.ts'

/** The file names of the front-matter documents. */
export const coverHref = 'cover.xhtml'
export const titlePageHref = 'titlepage.xhtml'

/** The cover document: the cover image, full page, described for readers who cannot see it. */
export function coverDocument(book: ResolvedBook, terms: Terms, image: { readonly href: string; readonly alt: string }, stylesheets: readonly string[]): string {
  return xhtmlDocument({
    lang: book.lang,
    title: terms.cover,
    stylesheets,
    bodyProperties: { className: ['cover'] },
    body: [h('section.cover', { 'epub:type': 'cover', ariaLabel: terms.cover }, [h('img', { src: image.href, alt: image.alt, role: 'doc-cover' })])],
  })
}

/** The text alternative of the cover: what it shows, in words. */
export function coverAlt(book: ResolvedBook): string {
  const by = book.authors.length > 0 ? `, ${book.authors.join(', ')}` : ''
  return `${book.title}${book.subtitle ? `: ${book.subtitle}` : ''}${by}`
}

/** The title page, with the imprint (rights, licence, source, date, identifier) below it. */
export function titlePageDocument(book: ResolvedBook, terms: Terms, identifier: string, stylesheets: readonly string[]): string {
  const titlePage = h('section.title-page', { 'epub:type': 'titlepage', ariaLabel: terms.titlePage }, [
    h('h1.book-title', { 'epub:type': 'title' }, book.title),
    ...(book.subtitle ? [h('p.book-subtitle', { 'epub:type': 'subtitle', role: 'doc-subtitle' }, book.subtitle)] : []),
    ...(book.authors.length > 0 ? [h('p.book-author', book.authors.join(', '))] : []),
    ...(book.editors.length > 0 ? [h('p.book-editor', book.editors.join(', '))] : []),
    ...(book.publisher ? [h('p.book-publisher', book.publisher)] : []),
  ])
  return xhtmlDocument({
    lang: book.lang,
    title: book.title,
    stylesheets,
    bodyProperties: { 'epub:type': 'frontmatter' },
    body: [titlePage, imprint(book, terms, identifier)],
  })
}

function imprint(book: ResolvedBook, terms: Terms, identifier: string): Element {
  return h('section.imprint', { 'epub:type': 'copyright-page', ariaLabel: terms.copyright }, [
    ...(book.rights ? [h('p', book.rights)] : []),
    ...(book.licence ? [h('p', book.licence.url ? h('a', { href: book.licence.url, rel: 'license' }, book.licence.name) : book.licence.name)] : []),
    ...(book.source ? [h('p', h('a', { href: book.source.url }, book.source.title ?? book.source.url))] : []),
    ...(book.date ? [h('p', h('time', { dateTime: book.date }, formatDate(book.date, book.lang)))] : []),
    h('p.identifier', identifier),
  ])
}
