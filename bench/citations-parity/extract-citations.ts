import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toString as hastToString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'

/** What a book prints for its citations: each citation (in-text styles) or note (note styles) in order, and each bibliography entry by key. */
export interface PrintedCitations {
  readonly citations: string[]
  /** In-text styles: the citations inside the manuscript's footnotes (pandoc gathers notes at the end, samizdat per chapter). */
  readonly inNotes: string[]
  readonly entries: Map<string, string>
}

const classes = (element: Element): string[] => {
  const value = element.properties['className']
  return Array.isArray(value) ? value.map(String) : []
}

/** Text as a reader sees it: spaces collapsed, back-links and note numbers gone, Unicode composed. */
export const normalizeText = (text: string): string =>
  text
    .replace(/\u21a9\ufe0e?/g, '')
    .replace(/\s+/g, ' ')
    .normalize('NFC')
    .trim()

/**
 * Read pandoc's or samizdat's HTML: in-text citations are `span.citation`;
 * notes are the footnotes' list items (both number them through the book);
 * entries are `div.csl-entry#ref-KEY`.
 */
export function extractCitations(html: string, isNoteStyle: boolean): PrintedCitations {
  const tree = fromHtml(html) as Root
  const citations: string[] = []
  const inNotes: string[] = []
  const entries = new Map<string, string>()
  visit(tree, 'element', (node, _index, parent) => {
    if (classes(node).includes('csl-entry')) {
      // A numeric style's label and entry are two blocks (second-field-align): a space between them.
      const blocks = node.children.map((child) => hastToString(child) + (child.type === 'element' && classes(child).includes('csl-left-margin') ? ' ' : ''))
      entries.set(String(node.properties['id'] ?? '').replace(/^ref-/, ''), normalizeText(blocks.join('')))
      return 'skip'
    }
    if (isNoteStyle && node.tagName === 'li' && /fn/.test(String(node.properties['id'] ?? ''))) {
      citations.push(normalizeText(hastToString(node)))
      return 'skip'
    }
    if (!isNoteStyle && node.tagName === 'li' && /fn/.test(String(node.properties['id'] ?? ''))) {
      visit(node, 'element', (inner) => {
        if (classes(inner).includes('citation')) inNotes.push(normalizeText(hastToString(inner)))
      })
      return 'skip'
    }
    if (!isNoteStyle && classes(node).includes('citation')) {
      citations.push(normalizeText(hastToString(node)))
      return 'skip'
    }
    void parent
    return undefined
  })
  return { citations, inNotes, entries }
}
