import type { Page } from 'puppeteer-core'
import { runInPage } from './run-in-page.ts'

/** What {@link settleSoftHyphens} changed. */
export interface SettledHyphens {
  /** Soft hyphens where a line broke, now hyphens. */
  readonly hyphens: number
  /** Soft hyphens where no line broke, removed. */
  readonly removed: number
}

/**
 * After layout, before printing: make the PDF's text layer the words as
 * written. rehype-hyphenate puts a soft hyphen (U+00AD) at every point a word
 * may break; Chromium prints each one, drawn or not, into the text layer, so
 * searching or copying found “lim­it­a­tions” instead of “limitations”, and a
 * hyphenated line end read U+00AD then “-”. Here each soft hyphen where no
 * line broke is removed, and each one where a line did break becomes the
 * hyphen Chromium drew there (U+002D, the same glyph and width): the line
 * ends `word-` and the next begins with the rest, as in a typeset book, which
 * every PDF reader's search joins again (pdf.js, poppler, MuPDF). The other
 * choice, `/ActualText` around each hyphenated word, would mean rewriting
 * Chromium's content streams, and pdf.js ignores it when searching.
 *
 * Lines do not move: a soft hyphen that did not break has no width, and the
 * line breaks where one did stays a break opportunity after the hyphen (the
 * e2e test compares every page's lines before and after). The page map must
 * be read before this (it counts characters without soft hyphens).
 */
export function settleSoftHyphens(page: Page): Promise<SettledHyphens> {
  return runInPage(page, settleSoftHyphensInPage, undefined)
}

/** Runs in the page; self-contained (see runInPage). */
function settleSoftHyphensInPage(): { hyphens: number; removed: number } {
  const root = document.querySelector('.pagedjs_pages') ?? document.body
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  const range = document.createRange()
  // Decide every soft hyphen from the finished layout first, then change the text: a change
  // before all are measured would make Chromium lay the page out again for the next measure.
  const changes: { node: Text; breaks: boolean[] }[] = []
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const text = node.data
    if (!text.includes('\u00AD')) continue
    const breaks: boolean[] = []
    for (let at = text.indexOf('\u00AD'); at >= 0; at = text.indexOf('\u00AD', at + 1)) {
      breaks.push(breaksLine(node, at))
    }
    changes.push({ node, breaks })
  }
  let hyphens = 0
  let removed = 0
  for (const { node, breaks } of changes) {
    let index = 0
    node.data = node.data.replace(/\u00AD/g, () => {
      if (breaks[index++]) {
        hyphens++
        return '-'
      }
      removed++
      return ''
    })
  }
  return { hyphens, removed }

  // A soft hyphen where the line broke is drawn as a hyphen (it has a width; one that did not
  // break has none), and the text around it lies on two lines (the width alone would also count
  // a soft hyphen that letter-spacing widened).
  function breaksLine(node: Text, at: number): boolean {
    range.setStart(node, at)
    range.setEnd(node, at + 1)
    if (range.getBoundingClientRect().width <= 0) return false
    if (at === 0 || at === node.data.length - 1) return true
    range.setStart(node, at - 1)
    range.setEnd(node, at + 2)
    const tops = [...range.getClientRects()].map((rect) => rect.top)
    return tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 1
  }
}
