import type { Element, ElementContent, Root as HastRoot } from 'hast'
import type { Root as MdastRoot } from 'mdast'
import type { VFile } from 'vfile'
import type { ResolvedBook } from '../config/resolve-book.ts'

/** One chapter file on its way through the pipeline. */
export interface Chapter {
  /** Stable id from the file name (`01-introduction.md` → `introduction`); prefixes footnote ids. */
  readonly id: string
  /** Position in reading order, from 0. */
  readonly index: number
  /** The chapter's source, carrying its messages. */
  readonly file: VFile
}

/** A chapter parsed to mdast. */
export interface MdastChapter extends Chapter {
  readonly mdast: MdastRoot
}

/**
 * A chapter as hast. Footnote calls and the chapter's notes section keep
 * remark-rehype's shape (`a[data-footnote-ref]`, `section[data-footnotes]`,
 * `a[data-footnote-backref]`), with ids prefixed by the chapter id; each
 * output stage turns them into what its medium wants.
 */
export interface HastChapter extends Chapter {
  readonly hast: HastRoot
  /** The chapter title as plain text (running heads, EPUB nav, PDF outline). */
  readonly title: string
  /** The chapter title as phrasing content (contents list). */
  readonly titleContent: readonly ElementContent[]
  /** The chapter's `h1` id (for a file that continues a chapter, its first heading's). */
  readonly headingId: string
  /**
   * A file with no `# Title` that starts at `##` (mdBook's section files):
   * it continues the chapter before it, as sections of that chapter, with no
   * page break, running head or contents entry of its own.
   */
  readonly continues?: true
}

/** A contents entry: one heading of the book. */
export interface TocEntry {
  readonly id: string
  readonly depth: number
  readonly text: string
  readonly content: readonly ElementContent[]
  readonly chapterId: string
  readonly children: readonly TocEntry[]
}

/** The whole book as hast: what every output stage (HTML, PDF, EPUB) starts from. */
export interface BookTree {
  readonly book: ResolvedBook
  readonly chapters: readonly HastChapter[]
  /** `section#refs` with `.csl-entry` children, when the book cites anything and places no marker. */
  readonly bibliography: Element | undefined
  readonly toc: readonly TocEntry[]
}

/**
 * Where a print page begins, so the EPUB can mark the same place.
 * Every text block of the book (p, h1–h6, li, td, th, pre, dt, dd, figcaption,
 * blockquote > p …) carries `data-sid` (a book-wide sequence number, stamped
 * by the spine on the hast); `offset` counts characters of that block's text
 * from its start, skipping soft hyphens and the text of footnote calls and
 * footnote bodies.
 */
export interface PageStart {
  /** 1-based physical page number in the PDF. */
  readonly page: number
  /** The folio printed on the page (roman for front matter), e.g. `"iii"`, `"12"`. */
  readonly folio: string
  /** `data-sid` of the first text block on the page, or null for a page with no body text. */
  readonly sid: string | null
  readonly offset: number
}
