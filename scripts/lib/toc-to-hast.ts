import type { Element } from 'hast'
import { h } from 'hastscript'
import type { TocEntry } from './book-model.ts'

/** Options for {@link tocToHast}. */
export interface TocOptions {
  /** Where an entry links to: `#id` on one page, `chapter.xhtml#id` in an EPUB. */
  readonly href: (entry: TocEntry) => string
  /** Deepest heading rank listed. */
  readonly depth?: number
}

/** The contents list as nested `ol`s of links (the shape EPUB's nav and Paged.js' target-counter both want). */
export function tocToHast(entries: readonly TocEntry[], options: TocOptions): Element {
  const depth = options.depth ?? 2
  return h(
    'ol.toc-list',
    entries.map((entry) =>
      h('li', { className: [`toc-level-${entry.depth}`] }, [
        h('a', { href: options.href(entry) }, structuredClone([...entry.content])),
        ...(entry.children.length > 0 && entry.depth < depth ? [tocToHast(entry.children, options)] : []),
      ]),
    ),
  )
}
