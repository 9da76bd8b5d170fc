/**
 * Where Paged.js breaks a paragraph over a page, as a typographer would
 * (Paged.js 0.4 splits by lines and ignores `widows` and `orphans`; see
 * https://www.w3.org/TR/css-break-3/#widows-orphans). Runs in the page as the
 * one `onOverflow` hook (Paged.js keeps only the last hook's answer, so the
 * soft-hyphen fix lives here too):
 *
 * - soft hyphens: Chromium reports the letter after a soft hyphen on the line
 *   above, so Paged.js split the word one letter late (`ap-p‑ | endix`); the
 *   break goes back to the soft hyphen;
 * - widows: when fewer than `widows` lines of the paragraph would go to the
 *   next page, lines move over with them, as long as `orphans` lines stay;
 * - orphans: when fewer than `orphans` lines would stay, the whole paragraph
 *   goes to the next page (unless it is all the page holds);
 * - no hyphen at a recto's end: a word broken over the leaf turn is turned
 *   back, and the line that holds its head moves over (the page runs a line
 *   short, as a compositor would make it);
 * - at most two hyphenated lines in a row (see limitHyphenRuns).
 *
 * Self-contained: serialised into the print build's `print-layout.js`.
 */
export function registerKeepLinesHook(): void {
  interface PagedHandlerClass {
    new (...args: unknown[]): object
  }
  const w = window as unknown as { Paged?: { Handler: PagedHandlerClass; registerHandlers: (...handlers: PagedHandlerClass[]) => void } }
  const paged = w.Paged
  if (!paged) return
  interface LineStart {
    node: Text
    offset: number
    top: number
  }

  // Where each line of `block` begins, in reading order, and whether each ends in a hyphen.
  const linesOf = (block: Element): { starts: LineStart[]; hyphenated: boolean[] } => {
    const starts: LineStart[] = []
    const hyphenated: boolean[] = []
    const range = document.createRange()
    let lineTop = Number.NEGATIVE_INFINITY
    let lineBottom = Number.NEGATIVE_INFINITY
    let lastText = ''
    const consider = (node: Text, offset: number, box: DOMRect, text: string) => {
      // A new line starts below the middle of the line before's first box (a superscript starts
      // higher, a subscript above it; a face's boxes may be taller than the leading, so they overlap),
      // or above it: the top of the next column, where Paged.js lets the text that overflows the
      // page run while it looks for the break.
      const middle = (lineTop + lineBottom) / 2
      if (box.top > middle || box.bottom < middle) {
        if (starts.length > 0) hyphenated.push(/[-\u00AD\u2011]$/.test(lastText))
        starts.push({ node, offset, top: box.top })
        lineTop = box.top
        lineBottom = box.bottom
      }
      lastText = text
    }
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (node.parentElement?.closest('.footnote, .pagedjs_footnote_area')) continue
      for (const match of node.data.matchAll(/\S+/g)) {
        range.setStart(node, match.index)
        range.setEnd(node, match.index + match[0].length)
        const boxes = [...range.getClientRects()].filter((box) => box.width > 0 && box.height > 0)
        const first = boxes[0]
        if (!first) continue
        const firstMiddle = (first.top + first.bottom) / 2
        if (!boxes.some((box) => box.top > firstMiddle || box.bottom < firstMiddle)) {
          consider(node, match.index, first, match[0])
          continue
        }
        // A word broken over lines: letter by letter. Chromium puts the letter after a soft hyphen
        // on the line above, so a line that seems to start one letter after a soft hyphen starts at it.
        for (let at = match.index; at < match.index + match[0].length; at++) {
          range.setStart(node, at)
          range.setEnd(node, at + 1)
          const box = range.getClientRects()[0]
          if (!box || box.height === 0) continue
          const middle = (lineTop + lineBottom) / 2
          const late = at - 2 >= match.index && node.data[at - 2] === '\u00AD' && (box.top > middle || box.bottom < middle)
          if (late) lastText = node.data.slice(match.index, at - 1)
          consider(node, late ? at - 1 : at, box, node.data.slice(match.index, at + 1))
        }
      }
    }
    if (starts.length > 0) hyphenated.push(/[-\u00AD\u2011]$/.test(lastText))
    return { starts, hyphenated }
  }

  // A line whose first letter's box reaches below the page area, or lies right of it (the overflow's column), does not fit.
  const lineBelow = (line: LineStart, bounds: DOMRect): boolean => {
    const range = document.createRange()
    range.setStart(line.node, line.offset)
    range.setEnd(line.node, Math.min(line.offset + 1, line.node.length))
    const box = range.getClientRects()[0]
    return box !== undefined && (box.bottom > bounds.bottom + 1 || box.left >= bounds.right - 1)
  }

  const numberOf = (value: string, fallback: number) => {
    const parsed = Number.parseInt(value, 10)
    return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback
  }

  // The parsed book (Paged.js's source): the whole of a paragraph that is only partly rendered.
  let source: DocumentFragment | undefined
  // Lines of each split paragraph (data-ref) already placed on earlier pages.
  const placed = new Map<string, number>()
  const record = (ref: string, lines: number): undefined => {
    if (ref) placed.set(ref, lines)
    return undefined
  }

  // How many lines the whole paragraph takes at this measure: its source laid out unseen beside it.
  const wholeLines = (block: Element): number | undefined => {
    const ref = block.getAttribute('data-ref')
    const original = ref ? source?.querySelector(`[data-ref="${CSS.escape(ref)}"]`) : null
    if (!original || !block.parentNode) return undefined
    const clone = original.cloneNode(true) as HTMLElement
    // Notes float to the page's foot: not lines of the paragraph.
    for (const note of clone.querySelectorAll('.footnote')) note.remove()
    for (const element of [clone, ...clone.querySelectorAll('[id]')]) element.removeAttribute('id')
    clone.style.cssText += `;position:absolute;visibility:hidden;left:0;top:0;width:${getComputedStyle(block).width}`
    block.parentNode.insertBefore(clone, block.nextSibling)
    try {
      return linesOf(clone).starts.length
    } finally {
      clone.remove()
    }
  }

  // Text nodes of `element` in order (a clone's match its original's one for one).
  const textNodes = (element: Node): Text[] => {
    const nodes: Text[] = []
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text)
    return nodes
  }

  // The word around `at` loses its soft hyphens: it will not break.
  const keepWhole = (node: Text, at: number) => {
    const data = node.data
    let from = at
    while (from > 0 && !/\s/.test(data[from - 1]!)) from--
    let to = at
    while (to < data.length && !/\s/.test(data[to]!)) to++
    node.data = data.slice(0, from) + data.slice(from, to).replace(/\u00AD/g, '') + data.slice(to)
  }

  // In the first run of three hyphenated lines, the line start after the last of them that ends at a
  // soft hyphen (a compound's own hyphen, "self-", cannot go), if any.
  const thirdSoftHyphen = (block: Element): LineStart | undefined => {
    const { starts, hyphenated } = linesOf(block)
    const soft = (line: number) => {
      const next = starts[line + 1]
      if (next?.node.data[next.offset - 1] !== '\u00AD') return undefined
      // A word broken over more than one line end (longer than the measure: a 3,000-letter word) could not be set whole.
      const data = next.node.data
      let from = next.offset - 1
      while (from > 0 && !/\s/.test(data[from - 1]!)) from--
      let to = next.offset
      while (to < data.length && !/\s/.test(data[to]!)) to++
      const brokenAgain = starts.some((other) => other !== next && other.node === next.node && other.offset > from && other.offset < to)
      return brokenAgain ? undefined : next
    }
    let run = 0
    for (let line = 0; line < starts.length - 1; line++) {
      run = hyphenated[line] ? run + 1 : 0
      if (run >= 3) return soft(line) ?? soft(line - 1) ?? soft(line - 2)
    }
    return undefined
  }

  /**
   * At most two hyphenated lines in a row (TeX's \doublehyphendemerits makes a third rare;
   * CSS's hyphenate-limit-lines is not in Chromium): before the first page, the whole book is laid
   * out unseen at the page's measure, and the word that ends a third hyphenated line in a row
   * loses its soft hyphens, in the source Paged.js lays out, until no paragraph has such a run.
   */
  const limitHyphenRuns = (wrapper: Element): void => {
    if (!source) return
    const column = document.createElement('div')
    // The body's measure (print-page-css.ts's --text-width): the first page may be a front-matter page of another.
    column.style.cssText = `position:absolute;visibility:hidden;left:0;top:0;width:var(--text-width, ${wrapper.getBoundingClientRect().width}px)`
    column.append(source.cloneNode(true))
    for (const note of column.querySelectorAll<HTMLElement>('.footnote')) note.style.display = 'none'
    wrapper.append(column)
    try {
      for (const block of column.querySelectorAll('[data-sid]')) {
        if (!block.textContent?.includes('\u00AD')) continue
        const original = source.querySelector(`[data-ref="${CSS.escape(block.getAttribute('data-ref') ?? '')}"]`)
        if (!original) continue
        for (let round = 0; round < 8; round++) {
          const end = thirdSoftHyphen(block)
          if (!end) break
          const index = textNodes(block).indexOf(end.node)
          const twin = textNodes(original)[index]
          keepWhole(end.node, end.offset - 1)
          if (twin) keepWhole(twin, end.offset - 1)
        }
      }
    } finally {
      column.remove()
    }
  }

  let runsLimited = false

  class KeepLines extends paged.Handler {
    afterParsed(parsed: DocumentFragment): void {
      source = parsed
    }

    onPageLayout(wrapper: Element): void {
      if (runsLimited) return
      runsLimited = true
      limitHyphenRuns(wrapper)
    }

    onOverflow(overflow: Range | undefined, rendered: Element, bounds: DOMRect): Range | undefined {
      if (!overflow) return undefined
      let moved: Range | undefined
      const container = overflow.startContainer
      const offset = overflow.startOffset
      if (container.nodeType === Node.TEXT_NODE && offset >= 2 && container.textContent?.charAt(offset - 2) === '\u00AD') {
        moved = overflow.cloneRange()
        moved.setStart(container, offset - 1)
      }
      const kept = keepLines(moved ?? overflow, rendered, bounds)
      return keepWithNext(kept ?? moved ?? overflow, rendered) ?? kept ?? moved
    }
  }

  // The break moved for widows, orphans and a recto's last hyphen, or undefined to leave it.
  function keepLines(overflow: Range, rendered: Element, bounds: DOMRect): Range | undefined {
    const start = overflow.startContainer
    const startElement = start.nodeType === Node.TEXT_NODE ? start.parentElement : (start as Element)
    const block = startElement?.closest('[data-sid]')
    if (!block || !rendered.contains(block) || block.closest('.footnote, .pagedjs_footnote_area, pre, td, th, .line-block, .verse, .poem')) return undefined
    const { starts, hyphenated } = linesOf(block)
    // The lines before the break stay (the notes at the page's foot take room the page area does not
    // show); the rest of the paragraph may not be rendered yet.
    const staying = starts.filter((line) => overflow.comparePoint(line.node, line.offset) < 0 && !lineBelow(line, bounds)).length
    const ref = block.getAttribute('data-ref') ?? ''
    const continued = block.hasAttribute('data-split-from')
    const before = continued ? (placed.get(ref) ?? 0) : 0
    const going = (wholeLines(block) ?? starts.length + before) - before - staying
    if (staying === 0 || going <= 0) return undefined
    const style = getComputedStyle(block)
    const orphans = numberOf(style.orphans, 2)
    const widows = numberOf(style.widows, 2)
    const recto = rendered.closest('.pagedjs_page')?.classList.contains('pagedjs_right_page') === true
    let stay = going < widows ? staying - (widows - going) : staying
    if (recto && stay > 0 && hyphenated[stay - 1]) stay -= 1
    if (stay === staying && (staying >= orphans || continued)) return record(ref, before + staying)
    const moved = overflow.cloneRange()
    if (stay > 0 && (stay >= orphans || continued)) {
      const line = starts[stay]!
      // At a text node's start, the break goes before the node: Paged.js would add a hyphen to the emptied text.
      if (line.offset === 0) moved.setStartBefore(line.node)
      else moved.setStart(line.node, line.offset)
      return record(ref, before + stay) ?? moved
    }
    // The whole paragraph goes over, unless nothing would be left on the page.
    if (continued || (starts[0]?.top ?? 0) <= rendered.getBoundingClientRect().top + 1) return record(ref, before + staying)
    moved.setStartBefore(block)
    return moved
  }

  /**
   * A heading or a lead-in (a paragraph ending in ":", class `lead-in`) left last on the page goes
   * over with what follows it. Paged.js keeps `break-after: avoid` only when the next block starts
   * below the page; here the next block may start on the page with none of its lines.
   */
  function keepWithNext(range: Range, rendered: Element): Range | undefined {
    const start = range.startContainer
    const startElement = start.nodeType === Node.TEXT_NODE ? start.parentElement : (start as Element)
    const breaking = startElement?.closest('[data-sid]')
    // The break falls after some line of its block: that block, not a heading, ends the page.
    if (breaking && rendered.contains(breaking) && linesOf(breaking).starts.some((line) => range.comparePoint(line.node, line.offset) < 0)) return undefined
    const before = [...rendered.querySelectorAll('[data-sid]')].filter(
      (block) => block !== breaking && !block.contains(start) && !block.closest('.footnote, .pagedjs_footnote_area') && range.comparePoint(block, 0) < 0,
    )
    const last = before[before.length - 1]
    if (!last || !(/^H[1-6]$/.test(last.tagName) || last.classList.contains('lead-in'))) return undefined
    const first = linesOf(last).starts[0]
    // Not when it is all the page holds.
    if (!first || first.top <= rendered.getBoundingClientRect().top + 1) return undefined
    const moved = range.cloneRange()
    moved.setStartBefore(last)
    return moved
  }

  paged.registerHandlers(KeepLines)
}
