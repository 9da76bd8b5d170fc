import type { FootnoteDefinition, FootnoteReference, Nodes, Parent, PhrasingContent, Root } from 'mdast'
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'
import { inlineNoteSyntax } from './micromark-inline-notes.ts'

/** `^[text]`: a footnote written where it is called; it lives only between parsing and this plugin's transform. */
export interface InlineNote extends Parent {
  type: 'inlineNote'
  children: PhrasingContent[]
}

declare module 'mdast' {
  interface PhrasingContentMap {
    inlineNote: InlineNote
  }
  interface RootContentMap {
    inlineNote: InlineNote
  }
}

/**
 * Pandoc's inline notes (see {@link inlineNoteSyntax}) become what a
 * `[^id]` footnote is: a `footnoteReference` where the note was written and
 * a `footnoteDefinition` holding its text as a paragraph, so they are
 * numbered with the chapter's other footnotes in reading order and every
 * later stage (citations in notes, print footnotes, EPUB and web notes)
 * takes them as it takes any footnote.
 */
const remarkInlineNotes: Plugin<[], Root> = function () {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(inlineNoteSyntax())
  ;(data.fromMarkdownExtensions ??= []).push(inlineNoteFromMarkdown)
  return (tree) => {
    const nextId = identifiers(tree)
    const definitions: FootnoteDefinition[] = []
    // Outermost first, so a note inside a note is defined after the one that holds it.
    visit(tree, 'inlineNote', (node: InlineNote, index, parent) => {
      if (!parent || index === undefined) return
      const identifier = nextId()
      const reference: FootnoteReference = { type: 'footnoteReference', identifier, label: identifier }
      const definition: FootnoteDefinition = {
        type: 'footnoteDefinition',
        identifier,
        label: identifier,
        children: [{ type: 'paragraph', children: trim(node.children) }],
      }
      if (node.position) {
        reference.position = node.position
        definition.position = node.position
        definition.children[0]!.position = node.position
      }
      parent.children[index] = reference
      definitions.push(definition)
    })
    tree.children.push(...definitions)
  }
}

export default remarkInlineNotes

const inlineNoteFromMarkdown: FromMarkdownExtension = {
  // A line break inside the note is part of its text, as in a paragraph.
  canContainEols: ['inlineNote'],
  enter: {
    inlineNote(this: CompileContext, token: Token) {
      this.enter({ type: 'inlineNote', children: [] } as never, token)
    },
  },
  exit: {
    inlineNote(this: CompileContext, token: Token) {
      this.exit(token)
    },
  },
}

/** Identifiers for the chapter's inline notes, `inline-note-1`…, never one of its own `[^id]` footnotes. */
function identifiers(tree: Root): () => string {
  const used = new Set<string>()
  visit(tree, (node: Nodes) => {
    if (node.type === 'footnoteReference' || node.type === 'footnoteDefinition') used.add(node.identifier.toLowerCase())
  })
  let counter = 0
  return () => {
    do counter += 1
    while (used.has(`inline-note-${counter}`))
    return `inline-note-${counter}`
  }
}

/**
 * The note's text without the spaces just inside its brackets (`^[ text ]`),
 * which pandoc's output drops too. In place: the visit goes on into these
 * children, to notes inside the note.
 */
function trim(children: PhrasingContent[]): PhrasingContent[] {
  const first = children[0]
  if (first?.type === 'text') {
    const cut = first.value.length - first.value.trimStart().length
    const start = first.position?.start
    // The text now starts `cut` characters later, on the same line when no line break was cut.
    if (start?.offset !== undefined && cut > 0 && !/[\r\n]/.test(first.value.slice(0, cut))) {
      first.position!.start = { line: start.line, column: start.column + cut, offset: start.offset + cut }
    }
    first.value = first.value.slice(cut)
  }
  const last = children.at(-1)
  if (last?.type === 'text') last.value = last.value.trimEnd()
  if (last?.type === 'text' && last.value === '') children.pop()
  if (children[0]?.type === 'text' && children[0].value === '') children.shift()
  return children
}
