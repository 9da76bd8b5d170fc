import type { ElementContent, Root as HastRoot } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import type { FootnoteDefinition, FootnoteReference, Parent, PhrasingContent, Root, Text } from 'mdast'
import type { CitationNode } from './parse-citations.ts'

// The mdast nodes that replace a citation carry their HTML as hast
// (`data.hName`, `hProperties`, `hChildren`, which remark-rehype honours), and
// their plain text as children, for anything that reads the mdast as text.

const plain = (content: readonly ElementContent[]): string => hastToString({ type: 'root', children: [...content] } satisfies HastRoot)

/** Pandoc's citation element: `span.citation[data-cites="a b"]`. */
function citationProperties(keys: readonly string[], extraClass?: string) {
  return { className: ['citation', ...(extraClass ? [extraClass] : [])], dataCites: keys.join(' ') }
}

/** Render a citation in place: the span holds citeproc's output. */
export function renderInline(node: CitationNode, keys: readonly string[], content: ElementContent[]): void {
  node.children = [{ type: 'text', value: plain(content) }]
  node.data = { hName: 'span', hProperties: citationProperties(keys), hChildren: content }
}

/** Render unknown keys visibly, `[@key?]`, so the author sees them in every output. */
export function renderUnknown(node: CitationNode, keys: readonly string[]): void {
  node.children = [{ type: 'text', value: `[${keys.map((key) => `@${key}?`).join('; ')}]` }]
  node.data = { hName: 'span', hProperties: citationProperties(keys, 'citation-unknown') }
}

/** Put the unknown keys of a partly known cluster right after its rendering. */
export function appendUnknown(parent: Parent, node: CitationNode, keys: readonly string[]): void {
  const unknown: CitationNode = { type: 'citation', mode: node.mode, items: node.items.filter((item) => keys.includes(item.key)), children: [] }
  if (node.position) unknown.position = node.position
  renderUnknown(unknown, keys)
  const index = parent.children.indexOf(node as unknown as PhrasingContent)
  parent.children.splice(index + 1, 0, { type: 'text', value: ' ' }, unknown as unknown as PhrasingContent)
}

export interface NoteCitation {
  readonly node: CitationNode
  readonly parent: Parent
  readonly root: Root
  readonly keys: readonly string[]
  readonly identifier: string
  /** The note's text. */
  readonly note: ElementContent[]
  /** For `@key [p. 3]`: the author names that stay in the text. */
  readonly author: ElementContent[] | undefined
}

/**
 * Turn a citation into a footnote call, the cited works into the footnote's
 * text, as pandoc does for note styles: the call moves after following
 * punctuation and loses the space before it (`text [@a].` → `text.¹`).
 */
export function renderAsNote({ node, parent, root, keys, identifier, note, author }: NoteCitation): void {
  const reference: FootnoteReference = { type: 'footnoteReference', identifier, label: identifier }
  const definition: FootnoteDefinition = {
    type: 'footnoteDefinition',
    identifier,
    label: identifier,
    children: [{ type: 'paragraph', children: [{ type: 'text', value: plain(note) }], data: { hChildren: capitalizeFirst(note) } }],
  }
  if (node.position) {
    reference.position = node.position
    definition.position = node.position
  }
  root.children.push(definition)
  const index = parent.children.indexOf(node as unknown as PhrasingContent)
  const next = parent.children[index + 1]
  const punctuation = next?.type === 'text' ? (/^[.,;:!?]+/.exec(next.value)?.[0] ?? '') : ''
  if (next?.type === 'text' && punctuation) next.value = next.value.slice(punctuation.length)
  const children: PhrasingContent[] = []
  if (author) {
    children.push(authorNode(author))
  } else {
    const previous = parent.children[index - 1]
    if (previous?.type === 'text') previous.value = previous.value.replace(/\s+$/, '')
  }
  if (punctuation && author) children.push({ type: 'text', value: punctuation })
  if (punctuation && !author) parent.children.splice(index, 0, { type: 'text', value: punctuation })
  children.push(reference)
  node.children = children
  node.data = { hName: 'span', hProperties: citationProperties(keys) }
}

function authorNode(author: ElementContent[]): PhrasingContent {
  const text: Text = { type: 'text', value: plain(author) }
  if (author.every((child) => child.type === 'text')) return text
  return { ...text, data: { hName: 'span', hProperties: { className: ['citation-author'] }, hChildren: author } }
}

/** Pandoc capitalises a note made from a citation (`see Daniels` → `See Daniels`). */
export function capitalizeFirst(content: ElementContent[]): ElementContent[] {
  let done = false
  const visit = (nodes: ElementContent[]): ElementContent[] =>
    nodes.map((child) => {
      if (done) return child
      if (child.type === 'text' && child.value.trim() !== '') {
        done = true
        return { ...child, value: child.value.replace(/^(\s*)(\p{Ll})/u, (_, space: string, letter: string) => space + letter.toUpperCase()) }
      }
      return child.type === 'element' ? { ...child, children: visit(child.children) } : child
    })
  return visit(content)
}

/** A note-style citation inside the manuscript's own footnote stays there, in parentheses without the closing period, as pandoc prints it. */
export function parenthesize(content: ElementContent[]): ElementContent[] {
  const trimmed = trimTrailingPeriod(content)
  return [{ type: 'text', value: '(' }, ...trimmed, { type: 'text', value: ')' }]
}

function trimTrailingPeriod(content: ElementContent[]): ElementContent[] {
  const last = content.at(-1)
  if (last?.type === 'text') return [...content.slice(0, -1), { ...last, value: last.value.replace(/\.\s*$/, '') }]
  if (last?.type === 'element') return [...content.slice(0, -1), { ...last, children: trimTrailingPeriod(last.children) }]
  return content
}

/** `[text, ' ', text]` joins for author-in-text renderings (`Daniels` + `(1960, 3)`). */
export function joinWithSpace(first: ElementContent[], second: ElementContent[]): ElementContent[] {
  if (first.length === 0) return second
  if (second.length === 0) return first
  return [...first, { type: 'text', value: ' ' }, ...second]
}
