import type { Nodes, Root } from 'mdast'
import type { Plugin } from 'unified'
import type { Position } from 'unist'
import { failFile } from '../diagnostics/fail.ts'

/**
 * Deepest nesting of the tree (Markdown nodes plus open raw HTML elements)
 * that the later stages can walk: they recurse, and near 1,000 levels they
 * run out of stack. No book needs a tenth of this.
 */
export const maxTreeDepth = 500

/** Lists and quotes nested deeper than this run off the page, each level indented. */
export const maxPageLevels = 10

// Elements without content, or whose end tag the HTML parser supplies, never stack up.
const flatTags = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'option', 'optgroup', 'rb', 'rt', 'rp', 'colgroup', 'caption'])
const tagPattern = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g

/**
 * Stop, at its place, a chapter nested too deeply to build (hundreds of
 * lists inside lists, quotes inside quotes or raw HTML elements inside each
 * other), instead of crashing a later stage; warn where lists and quotes nest
 * deeper than a page can show. Walks without recursion, so it cannot
 * overflow itself.
 */
const remarkNestingLimit: Plugin<[], Root> = () => (tree, file) => {
  // `raw`: raw HTML elements left open around the node by the siblings before it and
  // by its ancestors' siblings (an unclosed tag does not leak out of its parent).
  const stack: Array<{ node: Nodes; depth: number; levels: number; raw: number }> = [{ node: tree, depth: 0, levels: 0, raw: 0 }]
  let deepLevels: { levels: number; position: Position | undefined } | undefined
  while (stack.length > 0) {
    const { node, depth, levels, raw } = stack.pop()!
    const peak = node.type === 'html' ? raw + rawNesting(node.value, 0)[1] : raw
    if (depth + peak > maxTreeDepth) {
      failFile(
        file,
        `The text here is nested more than ${maxTreeDepth} levels deep (lists in lists, quotes in quotes, or HTML elements inside each other), which no page can show and samizdat cannot build: check the indentation, the \`>\` marks and that every HTML tag is closed`,
        'nesting-too-deep',
        node.position,
      )
    }
    if (levels > maxPageLevels && (deepLevels === undefined || levels > deepLevels.levels)) {
      deepLevels = { levels, position: deepLevels?.position ?? node.position }
    }
    if (!('children' in node)) continue
    const nested = node.type === 'list' || node.type === 'blockquote' ? levels + 1 : levels
    const entries = []
    let open = 0
    for (const child of node.children) {
      entries.push({ node: child, depth: depth + 1, levels: nested, raw: raw + open })
      if (child.type === 'html') open = rawNesting(child.value, open)[0]
    }
    stack.push(...entries.reverse())
  }
  if (deepLevels) {
    file.message(
      `Lists or quotes nested ${deepLevels.levels} levels deep from here: each level is indented, and past ${maxPageLevels} the text runs off the page; check the indentation and the \`>\` marks`,
      { place: deepLevels.position, ruleId: 'deep-nesting', source: 'samizdat' },
    )
  }
}

export default remarkNestingLimit

/** Raw HTML elements open after a fragment, and the most open inside it, starting from `open`. */
function rawNesting(html: string, open: number): [number, number] {
  let peak = open
  for (const match of html.matchAll(tagPattern)) {
    const [, closing, name, selfClosing] = match
    if (flatTags.has(name!.toLowerCase()) || selfClosing) continue
    open = Math.max(0, open + (closing ? -1 : 1))
    peak = Math.max(peak, open)
  }
  return [open, peak]
}

/**
 * The line of `text` that most likely nests deepest (most `>`, list markers,
 * brackets, emphasis marks and tags, and the widest indent), for a message
 * when the parser itself runs out of stack before there is a tree to point into.
 */
export function deepestLine(text: string): { line: number; column: number } {
  let best = { line: 1, column: 1 }
  let bestScore = -1
  for (const [index, line] of text.split('\n').entries()) {
    const indent = /^[ \t]*/.exec(line)![0].length
    const score = indent / 2 + (line.match(/[>[*_<-]/g)?.length ?? 0)
    if (score > bestScore) {
      bestScore = score
      best = { line: index + 1, column: 1 }
    }
  }
  return best
}
