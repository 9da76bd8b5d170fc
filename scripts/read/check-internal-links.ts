import type { Element, Root } from 'hast'
import type { Position } from 'unist'
import type { HastChapter } from '../lib/book-model.ts'
import { collectIds } from '../lib/collect-ids.ts'

/**
 * Warn, at the link's place in the manuscript, about an in-book link whose
 * target does not exist, and about relative links to files that are not
 * part of the book (they would be dead in the PDF and the EPUB).
 */
export function checkInternalLinks(chapters: readonly HastChapter[], extraIds: Iterable<string> = []): void {
  const ids = new Set([...collectIds(chapters).keys(), ...extraIds])
  for (const chapter of chapters) {
    const reported = new Set<string>()
    for (const { node, place, own } of links(chapter.hast)) {
      const href = node.properties['href']
      if (typeof href !== 'string' || href === '') continue
      // The HTML parser repeats an unclosed raw `<a>` in each block after it (with no place
      // of its own): one message for the link the writer typed is enough.
      if (!own && reported.has(href)) continue
      reported.add(href)
      if (href.startsWith('#')) {
        const id = decodeFragment(href.slice(1))
        if (!ids.has(id)) {
          chapter.file.message(`Link to \`#${id}\`, but no heading or element of the book has that id: fix the link or add \`{#${id}}\` to the heading it means`, {
            place,
            ruleId: 'broken-internal-link',
            source: 'samizdat',
          })
        }
      } else if (!/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//')) {
        chapter.file.message(`Link to \`${href}\`, a file that is not part of the book: link to a heading with \`#id\`, or write the full \`https://…\` address`, {
          place,
          ruleId: 'relative-link',
          source: 'samizdat',
        })
      }
    }
  }
}

/** Every `<a>` of `tree` in document order, placed at itself or, without a place of its own, at its nearest placed ancestor. */
function links(tree: Root): { node: Element; place: Position | undefined; own: boolean }[] {
  const found: { node: Element; place: Position | undefined; own: boolean }[] = []
  const walk = (parent: Root | Element, inherited: Position | undefined): void => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue
      const place = child.position ?? inherited
      if (child.tagName === 'a') found.push({ node: child, place, own: child.position !== undefined })
      walk(child, place)
    }
  }
  walk(tree, undefined)
  // Placed links first, so a repeated copy never speaks before the original.
  return found.sort((a, b) => Number(b.own) - Number(a.own))
}

/** `#caf%C3%A9` → `café`; a malformed escape (`#%E0%A4`) stays as written and simply matches no id. */
function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment)
  } catch {
    return fragment
  }
}
