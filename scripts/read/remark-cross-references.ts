import type {} from 'mdast-util-to-hast'
import type { Nodes, Parent, PhrasingContent, Root, Text } from 'mdast'
import type { Plugin } from 'unified'
import { type TextSlicer, textSlicer } from './text-slicer.ts'

/** What a cross-reference points at, by its label's prefix. */
export type CrossReferenceKind = 'fig' | 'tbl' | 'sec' | 'eq' | 'lst'

/**
 * `@fig:label` (pandoc-crossref) or `@fig-label` (Quarto): resolved to
 * "Figure 3" once the book is numbered. It has no children, so that no later
 * walk (citations) reads its `@` as a citation; its text is `data.hChildren`.
 */
export interface CrossReference extends Parent {
  type: 'crossReference'
  children: []
}

/** `[@fig:a; @fig:b]`: several references of one sentence ("Figures 1 and 2"). */
export interface CrossReferenceGroup extends Parent {
  type: 'crossReferenceGroup'
  children: CrossReference[]
}

declare module 'mdast' {
  interface PhrasingContentMap {
    crossReference: CrossReference
    crossReferenceGroup: CrossReferenceGroup
  }
  interface RootContentMap {
    crossReference: CrossReference
    crossReferenceGroup: CrossReferenceGroup
  }
}

// pandoc-crossref's prefixes decide (https://lierdakil.github.io/pandoc-crossref/): `@fig:…` is a
// reference, `@figueroa2001` a citation. A label is a citation key's characters (pandoc's rule).
const label = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/]+(?=[\p{L}\p{N}_]))*`
const one = `(-?)@([Ff]ig|[Tt]bl|[Ss]ec|[Ee]q|[Ll]st)([:-])(${label})`
const reference = new RegExp(one, 'u')
const anyReference = new RegExp(`(\\[\\s*${one}(?:\\s*;\\s*${one})*\\s*\\])|${one}`, 'gu')
const skipped = new Set(['code', 'inlineCode', 'html', 'link', 'linkReference', 'definition', 'inlineMath', 'displayMath', 'yaml', 'crossReference'])

/**
 * Claim pandoc-crossref's and Quarto's references before citations are read
 * (`@fig:x`, `[@tbl:y]`, `[-@eq:z]` for the number alone, `@Fig:x` for a
 * capital, `[@fig:a; @fig:b]`): each becomes a `crossReference` — a link to
 * `#fig:x` that `resolveCrossReferences` words once the whole book is
 * numbered. A key without those prefixes stays a citation.
 */
const remarkCrossReferences: Plugin<[], Root> = () => (tree, file) => {
  const slicer = textSlicer(file)
  const walk = (node: Nodes) => {
    if (!('children' in node) || skipped.has(node.type)) return
    const children = node.children as PhrasingContent[]
    for (let index = 0; index < children.length; index += 1) {
      const child = children[index]!
      if (child.type !== 'text' || !child.value.includes('@')) continue
      const replaced = claim(child, slicer)
      if (replaced) {
        children.splice(index, 1, ...replaced)
        index += replaced.length - 1
      }
    }
    for (const child of node.children) walk(child as Nodes)
  }
  walk(tree)
}

export default remarkCrossReferences

function claim(node: Text, slicer: TextSlicer): PhrasingContent[] | undefined {
  const result: PhrasingContent[] = []
  let cursor = 0
  for (const match of node.value.matchAll(anyReference)) {
    const at = match.index
    const atSign = node.value.indexOf('@', at)
    // `me@fig:x` is no reference, nor an escaped `\@` or `\[`.
    if (at > 0 && /[\p{L}\p{N}_]/u.test(node.value[at - 1]!)) continue
    if (slicer.escaped(node, at) || slicer.escaped(node, atSign)) continue
    if (at > cursor) result.push(slicer.slice(node, cursor, at))
    const end = at + match[0].length
    result.push(match[1] ? group(node, at, end, slicer) : single(node, at, end, slicer))
    cursor = end
  }
  if (cursor === 0) return undefined
  if (cursor < node.value.length) result.push(slicer.slice(node, cursor))
  return result
}

/** `[@fig:a; -@fig:b]`: the references in the brackets, as a group. */
function group(node: Text, start: number, end: number, slicer: TextSlicer): PhrasingContent {
  const references: CrossReference[] = []
  const part = new RegExp(one, 'gu')
  const inner = node.value.slice(start, end)
  for (const match of inner.matchAll(part)) references.push(single(node, start + match.index, start + match.index + match[0].length, slicer))
  if (references.length === 1) return { ...references[0]!, position: slicer.place(node, start, end) ?? references[0]!.position } as CrossReference
  const grouped: CrossReferenceGroup = { type: 'crossReferenceGroup', children: references, data: { hName: 'span', hProperties: { className: ['crossref-group'] } } }
  const position = slicer.place(node, start, end)
  if (position) grouped.position = position
  return grouped
}

function single(node: Text, start: number, end: number, slicer: TextSlicer): CrossReference {
  const written = node.value.slice(start, end)
  const match = reference.exec(written)!
  const [, suppress, prefix, separator, rest] = match
  const kind = prefix!.toLowerCase() as CrossReferenceKind
  const target = `${kind}${separator}${rest}`
  const position = slicer.place(node, start, end)
  const crossReference: CrossReference = {
    type: 'crossReference',
    children: [],
    data: {
      hChildren: [{ type: 'text', value: written.replace(/^\[|\]$/g, '') }],
      hName: 'a',
      hProperties: {
        href: `#${target}`,
        className: ['crossref'],
        dataCrossref: kind,
        ...(suppress ? { dataCrossrefForm: 'number' } : prefix![0] === prefix![0]!.toUpperCase() ? { dataCrossrefForm: 'capital' } : {}),
      },
    },
  }
  if (position) crossReference.position = position
  return crossReference
}
