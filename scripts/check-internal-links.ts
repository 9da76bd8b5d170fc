import type { Element } from 'hast'
import { visit } from 'unist-util-visit'
import type { HastChapter } from './book-model.ts'

/** Every id in the book, mapped to the chapter that holds it. */
export function collectIds(chapters: readonly HastChapter[]): Map<string, HastChapter> {
  const ids = new Map<string, HastChapter>()
  for (const chapter of chapters) {
    visit(chapter.hast, 'element', (node: Element) => {
      const id = node.properties['id']
      if (typeof id === 'string' && !ids.has(id)) ids.set(id, chapter)
    })
  }
  return ids
}

/**
 * Warn, at the link's place in the manuscript, about an in-book link whose
 * target does not exist, and about relative links to files that are not
 * part of the book (they would be dead in the PDF and the EPUB).
 */
export function checkInternalLinks(chapters: readonly HastChapter[], extraIds: Iterable<string> = []): void {
  const ids = new Set([...collectIds(chapters).keys(), ...extraIds])
  for (const chapter of chapters) {
    visit(chapter.hast, 'element', (node: Element) => {
      if (node.tagName !== 'a') return
      const href = node.properties['href']
      if (typeof href !== 'string' || href === '') return
      if (href.startsWith('#')) {
        const id = decodeFragment(href.slice(1))
        if (!ids.has(id)) {
          chapter.file.message(`Link to \`#${id}\`, but no heading or element of the book has that id: fix the link or add \`{#${id}}\` to the heading it means`, {
            place: node.position,
            ruleId: 'broken-internal-link',
            source: 'samizdat',
          })
        }
      } else if (!/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//')) {
        chapter.file.message(`Link to \`${href}\`, a file that is not part of the book: link to a heading with \`#id\`, or write the full \`https://…\` address`, {
          place: node.position,
          ruleId: 'relative-link',
          source: 'samizdat',
        })
      }
    })
  }
}

/** `#caf%C3%A9` → `café`; a malformed escape (`#%E0%A4`) stays as written and simply matches no id. */
function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment)
  } catch {
    return fragment
  }
}
