import type { Page } from 'puppeteer-core'
import { runInPage } from './run-in-page.ts'

/** What the typesetting report checks on the laid-out pages (see print/typesetting-report.ts). */
export type TypesettingRule =
  | 'widow'
  | 'orphan'
  | 'hyphen-at-recto-end'
  | 'hyphen-ladder'
  | 'loose-line'
  | 'underfull-page'
  | 'stranded-heading'
  | 'stranded-lead-in'
  | 'split-verse'
  | 'unrepeated-table-header'
  | 'overfull-line'

/** One problem on one page: the rule, the 1-based page in this layout, the text block (`data-sid`) it concerns. */
export interface TypesettingFinding {
  readonly rule: TypesettingRule
  readonly page: number
  readonly sid: string | null
  /** The words concerned, as printed (a line, a heading, a lead-in). */
  readonly text: string
  /** loose-line: the line's widest word space in CSS px (the report makes it a ratio to the book's median); underfull-page: how full the page is (0–1); overfull-line: px past the measure. */
  readonly value?: number
}

/** What one layout measured on its own pages, before the report sets it against the whole book. */
export interface PageMeasures {
  readonly pages: number
  /** Lines of the book's text blocks (those with `data-sid`: not footnotes, running heads or folios). */
  readonly lines: number
  /** Lines that end in a hyphen (a word broken there, or a compound at its own hyphen). */
  readonly hyphenated: number
  /** Word spaces of justified lines that are not a paragraph's last, by width in tenths of a CSS px. */
  readonly spaces: Record<string, number>
  /** Findings; `loose-line` holds every justified line whose widest space is over 1.5× this layout's median (the report keeps those over 2× the book's). */
  readonly findings: TypesettingFinding[]
}

/**
 * After layout, with the soft hyphens settled: measure every line box of the
 * body text in the browser (each word's client rects, grouped into lines), the
 * last line of each block and how full each page is, and return what a
 * typographer would mark. Runs in the page.
 */
export function measureTypesetting(page: Page): Promise<PageMeasures> {
  return runInPage(page, measureTypesettingInPage, undefined)
}

/** Runs in the page; self-contained (see runInPage). */
function measureTypesettingInPage(): PageMeasures {
  interface Fragment {
    top: number
    bottom: number
    left: number
    right: number
    space: boolean
    hyphen: boolean
    text: string
  }
  interface Line {
    fragments: Fragment[]
  }
  const findings: TypesettingFinding[] = []
  const spaces: Record<string, number> = {}
  const lineGaps: { page: number; sid: string | null; gap: number; text: string }[] = []
  let lineCount = 0
  let hyphenated = 0
  const skipped = '.pagedjs_margin, script, style, math, svg'
  const forcedBreaks = new Set(['page', 'always', 'left', 'right', 'recto', 'verso'])
  const verse = '.line-block, .verse, .poem'
  const verseLines = new Map<string, { lines: number; split: boolean; page: number; sid: string | null; text: string }>()
  const pages = [...document.querySelectorAll<HTMLElement>('.pagedjs_pages > .pagedjs_page')]
  const clip = (text: string) => {
    const flat = text.replace(/\s+/g, ' ').trim()
    return flat.length > 70 ? `${flat.slice(0, 67)}…` : flat
  }

  // Each text node's words as client rects, in reading order; a word broken over two lines gives two.
  const linesOf = (block: Element, box: DOMRect): Line[] => {
    const fragments: Fragment[] = []
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT)
    const range = document.createRange()
    let space = false
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const owner = node.parentElement
      if (!owner || owner.closest(skipped) || owner.closest('[data-sid]') !== block) continue
      for (const match of node.data.matchAll(/(\s*)(\S+)/g)) {
        space ||= match[1] !== ''
        const start = match.index + match[1]!.length
        range.setStart(node, start)
        range.setEnd(node, start + match[2]!.length)
        // One box per line: Chromium may give a word several boxes on one line (runs of another font).
        const rects: DOMRect[] = []
        for (const rect of range.getClientRects()) {
          // Text Paged.js left past the page (its overflow column) is not printed.
          if (rect.width <= 0 || rect.height <= 0 || rect.left >= box.right || rect.top >= box.bottom) continue
          const previous = rects[rects.length - 1]
          if (previous && rect.top < previous.bottom - rect.height / 2) {
            rects[rects.length - 1] = new DOMRect(previous.left, Math.min(previous.top, rect.top), Math.max(previous.right, rect.right) - previous.left, Math.max(previous.bottom, rect.bottom) - Math.min(previous.top, rect.top))
          } else rects.push(rect)
        }
        const pieces = rects.length > 1 ? splitAtLines(node, start, match[2]!) : [match[2]!]
        rects.forEach((rect, index) => {
          const text = pieces[index] ?? match[2]!
          const hyphen = /[-\u2011\u00AD]$/.test(text)
          fragments.push({ top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right, space: index === 0 && space, hyphen, text })
        })
        space = false
      }
      space = /\s$/.test(node.data)
    }
    const lines: Line[] = []
    for (const fragment of fragments) {
      const line = lines[lines.length - 1]
      const previous = line?.fragments[line.fragments.length - 1]
      // A new line when this word starts below the middle of the line's first word (a face's boxes may
      // be taller than the leading, so lines' boxes overlap), or left of the last word and below its middle.
      const head = line?.fragments[0]
      const below =
        previous &&
        head &&
        (fragment.top > (head.top + head.bottom) / 2 || (fragment.left < previous.left - 1 && fragment.top > (previous.top + previous.bottom) / 2))
      if (line && previous && !below) line.fragments.push(fragment)
      else lines.push({ fragments: [fragment] })
    }
    return lines
  }

  // A word broken over lines, cut where each line ends (the letter whose box starts lower begins the next).
  const splitAtLines = (node: Text, start: number, word: string): string[] => {
    const letter = document.createRange()
    const pieces: string[] = []
    let top: number | undefined
    let from = 0
    for (let at = 0; at < word.length; at++) {
      letter.setStart(node, start + at)
      letter.setEnd(node, start + at + 1)
      const box = letter.getClientRects()[0]
      if (!box) continue
      if (top !== undefined && box.top > top + box.height / 2) {
        pieces.push(word.slice(from, at))
        from = at
      }
      top = box.top
    }
    pieces.push(word.slice(from))
    return pieces
  }
  const lineText = (line: Line) => line.fragments.map((fragment, index) => (index > 0 && fragment.space ? ' ' : '') + fragment.text).join('')
  const endsHyphenated = (line: Line | undefined) => line?.fragments[line.fragments.length - 1]?.hyphen === true

  pages.forEach((pageElement, pageIndex) => {
    const page = pageIndex + 1
    const area = pageElement.querySelector('.pagedjs_area')
    const content = pageElement.querySelector('.pagedjs_page_content')
    if (!area || !content) return
    const areaBox = area.getBoundingClientRect()
    const blocks = [...pageElement.querySelectorAll<HTMLElement>('[data-sid]')].filter((block) => !block.closest(skipped))
    let bodyBottom = Number.NEGATIVE_INFINITY
    let lastBodyLine: { line: Line; block: HTMLElement } | undefined
    let hyphenRun = 0
    for (const block of blocks) {
      const lines = linesOf(block, areaBox)
      if (lines.length === 0) continue
      const inNotes = block.closest('.pagedjs_footnote_area') !== null
      const style = getComputedStyle(block)
      const sid = block.getAttribute('data-sid')
      const splitTo = block.hasAttribute('data-split-to')
      const splitFrom = block.hasAttribute('data-split-from')
      lineCount += lines.length
      const contentRight = block.getBoundingClientRect().right - Number.parseFloat(style.paddingRight) + 1
      hyphenRun = 0
      lines.forEach((line, index) => {
        const text = lineText(line)
        if (endsHyphenated(line)) {
          hyphenated += 1
          hyphenRun += 1
          if (hyphenRun === 3) findings.push({ rule: 'hyphen-ladder', page, sid, text: clip(text) })
        } else hyphenRun = 0
        const right = Math.max(...line.fragments.map((fragment) => fragment.right))
        if (right > contentRight && !block.closest('pre, table')) findings.push({ rule: 'overfull-line', page, sid, text: clip(text), value: Math.round(right - contentRight) })
        // Word spaces of a justified line that is stretched (not a block's last line on its last page).
        const lastOfBlock = index === lines.length - 1 && !splitTo
        if (style.textAlign !== 'justify' || lastOfBlock) return
        let widest = 0
        for (let at = 1; at < line.fragments.length; at++) {
          const fragment = line.fragments[at]!
          if (!fragment.space) continue
          const gap = fragment.left - line.fragments[at - 1]!.right
          if (gap <= 0) continue
          const key = String(Math.round(gap * 10))
          spaces[key] = (spaces[key] ?? 0) + 1
          widest = Math.max(widest, gap)
        }
        if (widest > 0) lineGaps.push({ page, sid, gap: widest, text: clip(text) })
      })
      if (!inNotes) {
        for (const line of lines) bodyBottom = Math.max(bodyBottom, ...line.fragments.map((fragment) => fragment.bottom))
        lastBodyLine = { line: lines[lines.length - 1]!, block }
        // Widow: a paragraph's last line alone at the top of a page; orphan: its first alone at a page's foot.
        if (lines.length === 1 && splitFrom && !splitTo) findings.push({ rule: 'widow', page, sid, text: clip(lineText(lines[0]!)) })
        if (lines.length === 1 && splitTo && !splitFrom) findings.push({ rule: 'orphan', page, sid, text: clip(lineText(lines[0]!)) })
      }
      const poem = block.closest(verse)
      const ref = poem?.getAttribute('data-ref')
      if (poem && ref) {
        const entry = verseLines.get(ref) ?? { lines: 0, split: false, page, sid, text: clip(lineText(lines[0]!)) }
        entry.lines += lines.length
        entry.split ||= poem.hasAttribute('data-split-to') || poem.hasAttribute('data-split-from')
        verseLines.set(ref, entry)
      }
    }
    for (const element of pageElement.querySelectorAll('.pagedjs_page_content img, .pagedjs_page_content table, .pagedjs_page_content figure, .pagedjs_page_content pre')) {
      if (!element.closest('.pagedjs_footnote_area')) bodyBottom = Math.max(bodyBottom, element.getBoundingClientRect().bottom)
    }
    // Table headers: a table continued from the page before shows its header again.
    for (const table of pageElement.querySelectorAll('table[data-split-from]')) {
      const ref = table.getAttribute('data-ref')
      const first = ref ? document.querySelector(`table[data-ref="${CSS.escape(ref)}"]:not([data-split-from])`) : null
      if (first?.querySelector('thead tr') && !table.querySelector('thead tr')) {
        findings.push({ rule: 'unrepeated-table-header', page, sid: table.querySelector('[data-sid]')?.getAttribute('data-sid') ?? null, text: clip(first.querySelector('thead')?.textContent ?? '') })
      }
    }
    if (!lastBodyLine) return
    const next = pages[pageIndex + 1]
    const breakBefore = next?.getAttribute('data-break-before') ?? ''
    const endsFlow = !next || next.classList.contains('pagedjs_blank_page') || forcedBreaks.has(breakBefore)
    const { line, block } = lastBodyLine
    const sid = block.getAttribute('data-sid')
    if (!endsFlow) {
      if (endsHyphenated(line) && pageElement.classList.contains('pagedjs_right_page')) findings.push({ rule: 'hyphen-at-recto-end', page, sid, text: clip(lineText(line)) })
      if (/^h[1-6]$/i.test(block.tagName)) findings.push({ rule: 'stranded-heading', page, sid, text: clip(block.textContent ?? '') })
      else if (!block.hasAttribute('data-split-to') && /:\s*$/.test(block.textContent ?? '')) findings.push({ rule: 'stranded-lead-in', page, sid, text: clip(lineText(line)) })
      // How full the page is: the space left between the body's last line and the notes (or the foot).
      const box = area.getBoundingClientRect()
      const notes = [...pageElement.querySelectorAll('.pagedjs_footnote_area .footnote')]
      const foot = notes.length > 0 ? Math.min(...notes.map((note) => note.getBoundingClientRect().top)) : box.bottom
      const fill = 1 - Math.max(0, foot - bodyBottom) / box.height
      if (fill < 0.75) findings.push({ rule: 'underfull-page', page, sid, text: clip(lineText(line)), value: Math.round(fill * 100) / 100 })
    }
  })
  for (const entry of verseLines.values()) {
    if (entry.split && entry.lines <= 8) findings.push({ rule: 'split-verse', page: entry.page, sid: entry.sid, text: entry.text })
  }
  // Loose-line candidates against this layout's median; the report re-judges them against the book's.
  const median = medianOf(spaces)
  for (const line of lineGaps) {
    if (median > 0 && line.gap > 1.5 * median) findings.push({ rule: 'loose-line', page: line.page, sid: line.sid, text: line.text, value: Math.round(line.gap * 100) / 100 })
  }
  return { pages: pages.length, lines: lineCount, hyphenated, spaces, findings }

  function medianOf(histogram: Record<string, number>): number {
    const entries = Object.entries(histogram)
      .map(([key, count]) => [Number(key), count] as const)
      .sort((a, b) => a[0] - b[0])
    const total = entries.reduce((sum, [, count]) => sum + count, 0)
    let seen = 0
    for (const [key, count] of entries) {
      seen += count
      if (seen * 2 >= total) return key / 10
    }
    return 0
  }
}
