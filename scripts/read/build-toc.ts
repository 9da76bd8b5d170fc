import type { Element, ElementContent } from 'hast'
import { headingRank } from 'hast-util-heading-rank'
import { toString as hastToString } from 'hast-util-to-string'
import type { HastChapter, TocEntry } from '../lib/book-model.ts'
import { eachElement, skipChildren } from '../lib/each-element.ts'

interface MutableEntry extends Omit<TocEntry, 'children'> {
  children: MutableEntry[]
}

/** The book's contents: every heading down to `depth` but the `unlisted`, nested by rank. */
export function buildToc(chapters: readonly HastChapter[], depth = 2): TocEntry[] {
  const roots: MutableEntry[] = []
  let stack: MutableEntry[] = []
  for (const chapter of chapters) {
    // A file that continues the chapter before it nests its sections under that chapter.
    if (!chapter.continues) stack = []
    eachElement(chapter.hast, (node: Element) => {
      // Notes sections are not part of the contents.
      if (node.tagName === 'section' && node.properties['dataFootnotes'] !== undefined) return skipChildren
      const rank = headingRank(node)
      // Pandoc's `{.unlisted}` keeps a heading out of the contents.
      const classes = node.properties['className']
      if (!rank || rank > depth || (Array.isArray(classes) && classes.includes('unlisted'))) return undefined
      const entry: MutableEntry = {
        id: String(node.properties['id']),
        depth: rank,
        text: hastToString(node).trim(),
        content: node.children.filter(notFootnoteCall),
        chapterId: chapter.id,
        children: [],
      }
      while (stack.length > 0 && stack.at(-1)!.depth >= rank) stack.pop()
      ;(stack.at(-1)?.children ?? roots).push(entry)
      stack.push(entry)
      return undefined
    })
  }
  return roots
}

/** Footnote calls inside a heading stay in the heading, not in the contents. */
function notFootnoteCall(node: ElementContent): boolean {
  return !(node.type === 'element' && node.tagName === 'sup')
}
