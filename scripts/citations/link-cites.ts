import type { ElementContent, Text } from 'hast'
import { h } from 'hastscript'

// Private-use characters around each cite, passed to citeproc in the cite's
// prefix and suffix: citeproc keeps them in place through sorting, collapsing
// of years and punctuation, so the rendered cite can be found and linked to its
// bibliography entry the way pandoc does with `link-citations`.
const startBase = 0xe100
const maxMarked = 0xff
/** Marks where the cite at `index` of its cluster begins. */
export const citeStart = (index: number): string => (index < maxMarked ? String.fromCharCode(startBase + index) : '')
/** Marks where a cite ends. */
export const citeEnd = '\ue001'
const markers = /[\ue001\ue100-\ue1ff]/

type Marker = { readonly start: number } | { readonly end: true }
type Token = ElementContent | Marker

const isMarker = (token: Token): token is Marker => !('type' in token)

/** The `href` of a bibliography entry (`#ref-KEY`, pandoc's ids). */
export const referenceHref = (key: string): string => `#ref-${key}`

function link(key: string, children: ElementContent[]): ElementContent {
  return h('a', { href: referenceHref(key), role: 'doc-biblioref' }, children)
}

/**
 * Wrap each marked cite of citeproc's output in a link to its entry (keys in
 * cluster order); markers that do not pair up at one level are dropped.
 */
export function linkMarkedCites(nodes: readonly ElementContent[], keys: readonly string[]): ElementContent[] {
  const tokens = explode(nodes, keys)
  const result: ElementContent[] = []
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!
    if (!isMarker(token)) {
      result.push(token)
      continue
    }
    if (!('start' in token)) continue
    const end = tokens.findIndex((other, at) => at > index && isMarker(other))
    const key = keys[token.start]
    const closing = tokens[end]
    if (key !== undefined && closing && isMarker(closing) && 'end' in closing) {
      const inner = tokens.slice(index + 1, end) as ElementContent[]
      if (inner.length > 0) result.push(link(key, inner))
      index = end
    }
  }
  return result
}

function explode(nodes: readonly ElementContent[], keys: readonly string[]): Token[] {
  const tokens: Token[] = []
  for (const node of nodes) {
    if (node.type === 'element') {
      tokens.push({ ...node, children: linkMarkedCites(node.children, keys) })
    } else if (node.type === 'text' && markers.test(node.value)) {
      for (const part of node.value.split(/([\ue001\ue100-\ue1ff])/)) {
        if (part === citeEnd) tokens.push({ end: true })
        else if (part.length === 1 && markers.test(part)) tokens.push({ start: part.charCodeAt(0) - startBase })
        else if (part !== '') tokens.push({ type: 'text', value: part } satisfies Text)
      }
    } else {
      tokens.push(node)
    }
  }
  return tokens
}

/**
 * Link citation numbers (`[1–3, 5]`) to their entries, for numeric styles
 * whose collapsing per-cite markers would prevent; `numbers` maps each cited
 * number of the cluster to its key.
 */
export function linkCitationNumbers(nodes: readonly ElementContent[], numbers: ReadonlyMap<number, string>): ElementContent[] {
  return nodes.flatMap((node): ElementContent[] => {
    if (node.type === 'element') return [node.tagName === 'a' ? node : { ...node, children: linkCitationNumbers(node.children, numbers) }]
    if (node.type !== 'text') return [node]
    const result: ElementContent[] = []
    let last = 0
    for (const match of node.value.matchAll(/\d+/g)) {
      const key = numbers.get(Number(match[0]))
      if (key === undefined) continue
      if (match.index > last) result.push({ type: 'text', value: node.value.slice(last, match.index) })
      result.push(link(key, [{ type: 'text', value: match[0] }]))
      last = match.index + match[0].length
    }
    if (last === 0) return [node]
    if (last < node.value.length) result.push({ type: 'text', value: node.value.slice(last) })
    return result
  })
}

/**
 * Link a one-cite cluster rendered without markers: everything inside the
 * citation layout's own prefix and suffix (`(`…`)`, or the note's closing `.`).
 */
export function linkWhole(nodes: readonly ElementContent[], key: string, affixes: { readonly prefix: string; readonly suffix: string }): ElementContent[] {
  const inner = [...nodes]
  const before: ElementContent[] = []
  const after: ElementContent[] = []
  const first = inner[0]
  if (affixes.prefix && first?.type === 'text' && first.value.startsWith(affixes.prefix)) {
    before.push({ type: 'text', value: affixes.prefix })
    inner[0] = { type: 'text', value: first.value.slice(affixes.prefix.length) }
  }
  const last = inner.at(-1)
  if (affixes.suffix && last?.type === 'text' && last.value.endsWith(affixes.suffix)) {
    after.push({ type: 'text', value: affixes.suffix })
    inner[inner.length - 1] = { type: 'text', value: last.value.slice(0, -affixes.suffix.length) }
  }
  const content = inner.filter((node) => node.type !== 'text' || node.value !== '')
  return content.length === 0 ? [...nodes] : [...before, link(key, content), ...after]
}

/** Remove any marker left in text (e.g. from a cite citeproc could not print). */
export function stripMarkers(text: string): string {
  return text.replace(/[\ue001\ue100-\ue1ff]/g, '')
}
