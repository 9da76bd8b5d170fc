import type { Text } from 'mdast'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { pointLocator } from '../citations/point-locator.ts'
import { isEscaped, sourceOffset } from '../citations/source-offset.ts'

/** Cuts text nodes into pieces that keep their place in the manuscript. */
export interface TextSlicer {
  /** Characters `start`–`end` of `node` as a new text node, positioned where they are written. */
  slice(node: Text, start: number, end?: number): Text
  /** Where characters `start`–`end` of `node` are written (the node's place when that cannot be told). */
  place(node: Text, start: number, end: number): Position | undefined
  /** Whether character `index` of `node` was written backslash-escaped. */
  escaped(node: Text, index: number): boolean
}

/** A {@link TextSlicer} for one chapter's source. */
export function textSlicer(file: VFile): TextSlicer {
  const source = String(file.value ?? '')
  const locate = pointLocator(source)
  // Where the offsets cannot be followed (a node made by a plugin), the whole node's place.
  const place = (node: Text, start: number, end: number): Position | undefined => {
    const from = sourceOffset(node, start, source)
    const to = end >= node.value.length ? node.position?.end.offset : sourceOffset(node, end, source)
    return from === undefined || to === undefined ? node.position : { start: locate(from), end: locate(to) }
  }
  return {
    place,
    slice(node, start, end = node.value.length) {
      const text: Text = { type: 'text', value: node.value.slice(start, end) }
      const position = place(node, start, end)
      if (position) text.position = position
      return text
    },
    escaped: (node, index) => isEscaped(node, index, source),
  }
}
