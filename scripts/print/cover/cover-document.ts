import type { Element, ElementContent, Root } from 'hast'
import { h } from 'hastscript'
import { toHtml } from 'hast-util-to-html'
import { bookHead } from '../../lib/book-head.ts'
import type { ResolvedBook } from '../../config/resolve-book.ts'

/** The cover pages' size: the trim and the bleed around it, in mm. */
export interface CoverBox {
  readonly width: number
  readonly height: number
  readonly bleed: number
}

/** What goes on the covers besides the book's metadata. */
export interface CoverContent {
  /** The front cover image, relative to the document (in the print build folder); absent: set from the title. */
  readonly frontImage?: string
  /** The back cover's text (book.yaml's `backCover`, as HTML). */
  readonly backText: readonly ElementContent[]
  /** The book's own stylesheets, linked after cover.css (see writeBookLook). */
  readonly stylesheets?: readonly string[]
}

/** The pages of the cover document, in order (see {@link coverDocument}). */
export const coverPageIndex = { front: 0, back: 1, spine: 2 } as const

/**
 * The covers as one HTML document printed by Chromium without Paged.js, one
 * page each, each the trim plus its bleed: the front (the book's image, else
 * the title page's design: a red rule, the title, the people and publisher
 * at the foot), the back (the `backCover` text, the publisher and
 * identifier), and a strip with the spine's text along its left edge (the
 * spread takes as much of it as the spine is wide). Styled by
 * `styles/cover.css`; the sizes are custom properties set here.
 */
export function coverDocument(book: ResolvedBook, box: CoverBox, content: CoverContent): string {
  const mm = (value: number) => `${round(value)}mm`
  const sizes = [
    `@page { size: ${mm(box.width + 2 * box.bleed)} ${mm(box.height + 2 * box.bleed)}; margin: 0; }`,
    `:root { --cover-width: ${mm(box.width + 2 * box.bleed)}; --cover-height: ${mm(box.height + 2 * box.bleed)}; --bleed: ${mm(box.bleed)}; }`,
  ].join('\n')
  const people = [...book.authors, ...book.editors]
  const front = content.frontImage
    ? h('section.cover-page.front-cover.has-image', [h('img.cover-image', { src: content.frontImage, alt: '' })])
    : h('section.cover-page.front-cover', [
        h('div.cover-rule'),
        h('p.cover-title', book.title),
        ...(book.subtitle ? [h('p.cover-subtitle', book.subtitle)] : []),
        h('div.cover-foot', [...(people.length > 0 ? [h('p.cover-people', people.join(', '))] : []), ...(book.publisher ? [h('p.cover-publisher', book.publisher)] : [])]),
      ])
  const back = h('section.cover-page.back-cover', [
    h('div.back-cover-text', [...content.backText]),
    h('div.cover-foot', [...(book.publisher ? [h('p.cover-publisher', book.publisher)] : []), ...(isbnOf(book.identifier) ? [h('p.cover-identifier', `ISBN ${isbnOf(book.identifier)}`)] : [])]),
  ])
  const spine = h('section.cover-page.spine-strip', [
    h('p.spine-text', [h('span.spine-title', book.title), ...(people.length > 0 ? [h('span.spine-people', people.join(', '))] : [])]),
  ])
  const head: Element = bookHead(book, { stylesheets: ['fonts.css', 'cover.css', ...(content.stylesheets ?? [])] })
  head.children.push(h('style', sizes))
  const document: Root = { type: 'root', children: [{ type: 'doctype' }, h('html', { lang: book.lang }, [head, h('body', [front, back, spine])])] }
  return toHtml(document)
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

/** The ISBN a back cover prints (`urn:isbn:978…`, `isbn:978…` or the bare number); other identifiers (`urn:uuid:…`) mean nothing to a reader. */
export function isbnOf(identifier: string | undefined): string | undefined {
  const match = /^(?:urn:isbn:|isbn:?\s*)?((?:97[89][-\s]?)?(?:\d[-\s]?){9}[\dXx])$/i.exec(identifier?.trim() ?? '')
  return match?.[1]
}
