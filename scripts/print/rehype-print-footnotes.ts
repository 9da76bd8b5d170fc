import type { Element, ElementContent, Root, RootContent } from 'hast'
import { h } from 'hastscript'
import { toString as hastToString } from 'hast-util-to-string'
import type { Plugin } from 'unified'
import { eachElement } from '../lib/each-element.ts'

// Block elements cannot sit inside the `p` that holds a call (the HTML parser
// would close the paragraph), so a note's blocks become spans styled as blocks.
const blockTags = new Set([
  'p', 'div', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'pre', 'table', 'thead', 'tbody', 'tr', 'td', 'th',
  'figure', 'figcaption', 'section', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr',
])

/**
 * Footnotes at the foot of the page (CSS GCPM `float: footnote`, laid out by
 * Paged.js): each call `sup > a[data-footnote-ref]` becomes
 * `sup.footnote-call` with the note's number, followed by the note itself as
 * `span.footnote` (number in `span.footnote-marker`, paragraphs as
 * `span.fn-p`, back-links dropped); the chapter's notes section is removed.
 * The numbers are remark-rehype's, per chapter, so they need no CSS counter.
 * https://www.w3.org/TR/css-gcpm-3/#footnotes
 */
const rehypePrintFootnotes: Plugin<[], Root> = () => (tree) => {
  const notes = new Map<string, Element>()
  removeNoteSections(tree, notes)
  placeNotes(tree, notes, new Set())
}

/** Take the notes sections out of the tree, keeping each note (`li#id`) by id. */
function removeNoteSections(parent: Root | Element, notes: Map<string, Element>): void {
  for (let index = 0; index < parent.children.length; ) {
    const node = parent.children[index]!
    if (node.type === 'element' && node.tagName === 'section' && node.properties['dataFootnotes'] !== undefined) {
      eachElement(node, (item) => {
        if (item.tagName === 'li' && typeof item.properties['id'] === 'string') notes.set(item.properties['id'], item)
      })
      parent.children.splice(index, 1)
      continue
    }
    if (node.type === 'element') removeNoteSections(node, notes)
    index++
  }
}

/** Replace each call with the numbered call and, at a note's first call, the note. */
function placeNotes(parent: Root | Element, notes: ReadonlyMap<string, Element>, placed: Set<string>): void {
  for (let index = 0; index < parent.children.length; ) {
    const node = parent.children[index]!
    const call = node.type === 'element' && node.tagName === 'sup' ? node.children.find(isFootnoteRef) : undefined
    if (!call) {
      if (node.type === 'element') placeNotes(node, notes, placed)
      index++
      continue
    }
    const id = String(call.properties['href']).slice(1)
    const number = hastToString(call).trim()
    const replacement: ElementContent[] = [{ ...h('sup.footnote-call', { dataFootnoteRef: '' }, number), position: node.position }]
    const note = notes.get(id)
    // A note called twice is printed once, at its first call.
    if (note && !placed.has(id)) {
      placed.add(id)
      replacement.push(footnoteSpan(note, id, number))
    }
    parent.children.splice(index, 1, ...replacement)
    index += replacement.length
  }
}

function isFootnoteRef(node: ElementContent): node is Element {
  return node.type === 'element' && node.tagName === 'a' && node.properties['dataFootnoteRef'] !== undefined
}

/** The note as inline content: `span.footnote#id > span.footnote-marker + span.fn-p…`. */
function footnoteSpan(note: Element, id: string, number: string): Element {
  const body = note.children.flatMap((child) => toInline(child))
  trimEnd(body)
  return { ...h('span.footnote', { id }, [h('span.footnote-marker', number), ' ', ...body]), position: note.position }
}

/** Drop back-links and stray newlines; turn blocks into spans (`p` → `span.fn-p`, `ul` → `span.fn-ul`). */
function toInline(node: ElementContent | RootContent): ElementContent[] {
  if (node.type === 'text') return node.value.trim() === '' && node.value.includes('\n') ? [] : [node]
  if (node.type !== 'element') return node.type === 'comment' ? [] : [node as ElementContent]
  if (node.properties['dataFootnoteBackref'] !== undefined) return []
  const children = node.children.flatMap((child) => toInline(child))
  if (!blockTags.has(node.tagName)) return [{ ...node, children }]
  trimEnd(children)
  const { id: _id, dataSid: _sid, className, ...properties } = node.properties
  const classes = [`fn-${node.tagName}`, ...(Array.isArray(className) ? className : [])]
  return [{ type: 'element', tagName: 'span', properties: { ...properties, className: classes }, children, ...(node.position ? { position: node.position } : {}) }]
}

/** Remove the space left where a back-link was. */
function trimEnd(children: ElementContent[]): void {
  const last = children.at(-1)
  if (last?.type === 'text') {
    last.value = last.value.trimEnd()
    if (last.value === '') children.pop()
  } else if (last?.type === 'element' && last.tagName === 'span') {
    trimEnd(last.children)
  }
}

export default rehypePrintFootnotes
