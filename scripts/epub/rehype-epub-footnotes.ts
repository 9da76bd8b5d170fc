import type { Element, ElementContent, Root, RootContent } from 'hast'
import { h } from 'hastscript'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'

/** Options for {@link rehypeEpubFootnotes}. */
export interface EpubFootnoteOptions {
  /** Accessible name of a chapter's notes section, in the book's language. */
  readonly notesLabel: string
}

/**
 * Turn remark-rehype's footnotes into EPUB 3 notes
 * (https://www.w3.org/TR/epub-ssv-11/#notes): each call becomes a `noteref`,
 * each note an `aside` with `epub:type="footnote"`, in a `footnotes` section
 * at the end of the chapter document. Readers with pop-up notes (Apple Books,
 * Kobo, Thorium) show the aside over the text and hide it from the flow
 * (Apple hides asides, and only asides); readers without show the notes at the
 * chapter's end, each opening with its number linked back to the call. The
 * section has no visible heading, which would stand alone where the asides
 * are hidden; it is named for screen readers with `aria-label`.
 */
const rehypeEpubFootnotes: Plugin<[EpubFootnoteOptions], Root> = (options) => (tree) => {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName === 'a' && node.properties['dataFootnoteRef'] !== undefined) {
      node.properties['epub:type'] = 'noteref'
      node.properties['role'] = 'doc-noteref'
      // It pointed at the notes heading, which is gone; the role says what the link is.
      delete node.properties['ariaDescribedBy']
      return undefined
    }
    if (node.tagName !== 'section' || node.properties['dataFootnotes'] === undefined || !parent || index === undefined) return undefined
    parent.children[index] = { ...notesSection(node, options.notesLabel), position: node.position }
    return SKIP
  })
}

export default rehypeEpubFootnotes

function notesSection(section: Element, label: string): Element {
  const items = section.children
    .filter((child): child is Element => child.type === 'element' && child.tagName === 'ol')
    .flatMap((list) => list.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'li'))
  return h(
    'section.footnotes',
    { 'epub:type': 'footnotes', ariaLabel: label },
    items.map((item, index) => noteAside(item, index + 1)),
  )
}

/** One note: the list item's content in an aside, opening with its number linked back to the (first) call. */
function noteAside(item: Element, number: number): Element {
  // The list item's own children: the notes section it is in is replaced as a whole.
  const children = item.children
  const backrefs: Element[] = []
  visit(asRoot(children), 'element', (node: Element) => {
    if (node.tagName === 'a' && node.properties['dataFootnoteBackref'] !== undefined) backrefs.push(node)
  })
  const [first, ...others] = backrefs
  const label = first
    ? h('a.note-number', { href: first.properties['href'], role: 'doc-backlink' }, `${number}.`)
    : h('span.note-number', `${number}.`)
  // The number takes over the first back link; calls made again later keep theirs.
  if (first) removeNode(children, first)
  for (const other of others) other.properties['role'] = 'doc-backlink'
  const firstBlock = children.find((child): child is Element => child.type === 'element')
  if (firstBlock?.tagName === 'p') firstBlock.children.unshift(label, { type: 'text', value: ' ' })
  else children.unshift(h('p', [label]))
  return { ...h('aside', { id: item.properties['id'], 'epub:type': 'footnote', role: 'doc-footnote' }, trimEnd(children)), position: item.position }
}

function removeNode(children: ElementContent[], target: Element): void {
  visit(asRoot(children), 'element', (node: Element, index, parent) => {
    if (node !== target || !parent || index === undefined) return undefined
    parent.children.splice(index, 1)
    // The space remark-rehype puts before the back link.
    const before = parent.children[index - 1]
    if (before?.type === 'text') before.value = before.value.replace(/\s+$/u, '')
    return [SKIP, index]
  })
}

function trimEnd(children: ElementContent[]): ElementContent[] {
  return children.filter((child, index) => !(child.type === 'text' && child.value.trim() === '' && index === children.length - 1))
}

/** A root over `children` (the same array), so unist-util-visit can walk and edit them. */
function asRoot(children: ElementContent[]): Root {
  return { type: 'root', children: children as RootContent[] }
}
