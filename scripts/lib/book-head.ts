import type { Element } from 'hast'
import { h } from 'hastscript'
import type { ResolvedBook } from '../config/resolve-book.ts'

/** The `<head>` every HTML edition shares: charset, title, authors, generator, then its own stylesheets and scripts. */
export function bookHead(book: ResolvedBook, own: { readonly meta?: readonly Element[]; readonly stylesheets: readonly string[]; readonly scripts?: readonly string[] }): Element {
  return h('head', [
    h('meta', { charset: 'utf-8' }),
    ...(own.meta ?? []),
    h('title', book.title),
    ...book.authors.map((author) => h('meta', { name: 'author', content: author })),
    h('meta', { name: 'generator', content: 'samizdat' }),
    ...own.stylesheets.map((href) => h('link', { rel: 'stylesheet', href })),
    ...(own.scripts ?? []).map((src) => h('script', { src })),
  ])
}
