import type { Page } from 'puppeteer-core'
import type { PageStart } from '../../lib/book-model.ts'
import type { PageMeasures } from './measure-typesetting.ts'
import { runInPage } from './run-in-page.ts'

/** Where a heading landed: its 1-based page and its distance from the page's top edge in CSS px. */
export interface HeadingPlace {
  readonly page: number
  readonly top: number
}

/** A page's number as printed: the counter's value and its CSS list style. */
export interface Folio {
  readonly value: number
  readonly style: string
}

/** What the laid-out DOM tells about the pages, read before printing. */
export interface PageMap {
  readonly pageStarts: PageStart[]
  /** Per page, the page counter's value and the list style it is printed in (`decimal`, `lower-roman`, …). */
  readonly folios: Folio[]
  /** The place of each requested heading id that exists in the book. */
  readonly headings: Record<string, HeadingPlace>
  /** The typesetting measures (see measureTypesetting), read after the soft hyphens are settled, when a report was asked for. */
  readonly measures?: PageMeasures
}

/**
 * Read the page map from the Paged.js DOM: per page its folio (the page
 * counter as the margin boxes print it), the first text block (`data-sid`)
 * and where on that block the page begins; and the page of each heading.
 */
export function readPageMap(page: Page, headingIds: readonly string[]): Promise<PageMap> {
  return runInPage(page, readPageMapInPage, headingIds)
}

/** Runs in the page; self-contained (see runInPage). */
function readPageMapInPage(headingIds: readonly string[]): PageMap {
  // Text that is not the block's own: footnote calls and bodies (PageStart's counting rule).
  const notCounted =
    '.footnote, .footnote-call, [data-footnote-ref], [data-footnote-call], [data-footnote-marker], .pagedjs_footnote_area'

  const countText = (element: Element): number => {
    let count = 0
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const excluded = node.parentElement?.closest(notCounted)
      if (excluded && element.contains(excluded)) continue
      count += (node.nodeValue ?? '').replace(/\u00ad/g, '').length
    }
    return count
  }

  // Computed `counter-reset` / `counter-increment` of a page: `page 3`, `none`, `footnote 0 page 1`.
  const counterValue = (list: string, name: string): number | undefined => {
    const tokens = list.split(/\s+/)
    const at = tokens.indexOf(name)
    if (at < 0) return undefined
    const value = Number.parseInt(tokens[at + 1] ?? '', 10)
    return Number.isNaN(value) ? undefined : value
  }

  const folioStyleOf = (pageElement: Element): string | undefined => {
    for (const box of pageElement.querySelectorAll('.pagedjs_margin-content')) {
      for (const pseudo of ['::after', '::before']) {
        const content = getComputedStyle(box, pseudo).content
        const match = /counter\(\s*page\s*(?:,\s*([\w-]+)\s*)?\)/.exec(content)
        if (match) return match[1] ?? 'decimal'
      }
    }
    return undefined
  }

  const format = (value: number, style: string): string => {
    if (style.endsWith('-roman') && value > 0 && value < 4000) {
      const numerals: [number, string][] = [
        [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
        [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
      ]
      let rest = value
      let roman = ''
      for (const [size, letters] of numerals) {
        for (; rest >= size; rest -= size) roman += letters
      }
      return style === 'upper-roman' ? roman.toUpperCase() : roman
    }
    if ((style === 'lower-alpha' || style === 'lower-latin' || style === 'upper-alpha' || style === 'upper-latin') && value > 0) {
      let letters = ''
      for (let rest = value; rest > 0; rest = Math.floor((rest - 1) / 26)) {
        letters = String.fromCharCode(97 + ((rest - 1) % 26)) + letters
      }
      return style.startsWith('upper') ? letters.toUpperCase() : letters
    }
    return String(value)
  }

  const pageElements = [...document.querySelectorAll('.pagedjs_pages > .pagedjs_page')]
  // Replay the page counter as Chromium computes it on these sibling pages:
  // increment, then set, carry on to the next page; a reset only counts on
  // its own page (Chromium scopes it to the element and its descendants).
  let counter = 0
  const values: number[] = []
  const segments: number[] = []
  const styles: (string | undefined)[] = []
  for (const pageElement of pageElements) {
    const computed = getComputedStyle(pageElement)
    const reset = counterValue(computed.counterReset, 'page')
    const increment = counterValue(computed.counterIncrement, 'page') ?? 0
    const set = counterValue(computed.counterSet, 'page')
    if (reset === undefined) counter += increment
    if (set !== undefined) counter = set
    values.push(reset === undefined ? counter : (set ?? reset + increment))
    const restarted = reset !== undefined || set !== undefined
    segments.push((segments[segments.length - 1] ?? 0) + (restarted ? 1 : 0))
    styles.push(folioStyleOf(pageElement))
  }
  // Pages that print no folio (chapter openings, blanks) take the style of
  // their numbering run: the next page that shows one, else the previous.
  const folioStyles = styles.map((style, index) => {
    if (style) return style
    for (let next = index + 1; next < styles.length && segments[next] === segments[index]; next++) {
      if (styles[next]) return styles[next]!
    }
    for (let previous = index - 1; previous >= 0 && segments[previous] === segments[index]; previous--) {
      if (styles[previous]) return styles[previous]!
    }
    return 'decimal'
  })

  const counted = new Map<string, number>()
  const pageStarts = pageElements.map((pageElement, index) => {
    const content = pageElement.querySelector('.pagedjs_page_content')
    const blocks = [...(content?.querySelectorAll('[data-sid]') ?? [])].filter((block) => !block.closest(notCounted))
    const first = blocks[0]
    const firstRef = first?.getAttribute('data-ref')
    const offset = first?.hasAttribute('data-split-from') && firstRef ? (counted.get(firstRef) ?? 0) : 0
    // Remember how much of each block this page holds, for its continuation on a later page.
    for (const block of blocks) {
      const ref = block.getAttribute('data-ref')
      if (ref) counted.set(ref, (counted.get(ref) ?? 0) + countText(block))
    }
    return {
      page: index + 1,
      folio: format(values[index] ?? index + 1, folioStyles[index] ?? 'decimal'),
      sid: first?.getAttribute('data-sid') ?? null,
      offset,
    }
  })

  const headings: Record<string, HeadingPlace> = {}
  for (const id of headingIds) {
    const heading = document.getElementById(id)
    const pageElement = heading?.closest('.pagedjs_page')
    if (!heading || !pageElement) continue
    headings[id] = {
      page: pageElements.indexOf(pageElement) + 1,
      top: heading.getBoundingClientRect().top - pageElement.getBoundingClientRect().top,
    }
  }
  return {
    pageStarts,
    folios: values.map((value, index) => ({ value, style: folioStyles[index] ?? 'decimal' })),
    headings,
  }
}
