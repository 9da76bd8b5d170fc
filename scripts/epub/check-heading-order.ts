import type { Element } from 'hast'
import { headingRank } from 'hast-util-heading-rank'
import { toString as hastToString } from 'hast-util-to-string'
import { EXIT, SKIP, visit } from 'unist-util-visit'
import type { HastChapter } from '../lib/book-model.ts'

/**
 * Warn, at the heading, where a chapter's headings skip a level (`#` then
 * `###`): screen-reader users move by heading level and would miss the
 * section (WCAG 1.3.1). Returns how many problems were found, the chapters
 * without a title heading (already reported) included.
 */
export function checkHeadingOrder(chapters: readonly HastChapter[]): number {
  let problems = 0
  for (const chapter of chapters) {
    // A file that continues a chapter starts below that chapter's `h1`.
    let previous = chapter.continues ? 1 : 0
    visit(chapter.hast, 'element', (node: Element) => {
      // The notes heading is remark-rehype's, and the EPUB drops it.
      if (node.tagName === 'section' && node.properties['dataFootnotes'] !== undefined) return SKIP
      const rank = headingRank(node)
      if (!rank) return undefined
      if (previous === 0 && rank !== 1) problems++
      else if (rank > previous + 1) {
        problems++
        chapter.file.message(`Heading level ${rank} follows level ${previous}: use ${'#'.repeat(previous + 1)} here (or add the missing level above it), so readers who move by headings do not miss this section`, {
          place: node.position,
          ruleId: 'heading-order',
          source: 'samizdat',
        })
      }
      previous = rank
      return undefined
    })
  }
  return problems
}

/**
 * The chapters with no title heading (no `h1` with text): their EPUB
 * document is named after the file, and the contents list misses them.
 */
export function untitledChapters(chapters: readonly HastChapter[]): HastChapter[] {
  return chapters.filter((chapter) => {
    let titled = chapter.continues === true
    visit(chapter.hast, 'element', (node: Element) => {
      if (node.tagName === 'section' && node.properties['dataFootnotes'] !== undefined) return SKIP
      if (headingRank(node) === 1 && hastToString(node).trim() !== '') titled = true
      return titled ? EXIT : undefined
    })
    return !titled
  })
}
