import type { Parents as NlcstParents, Root as NlcstRoot, SentenceContent } from 'nlcst'
import { ParseLatin } from 'parse-latin'

// The rules are retext-smartypants 6.2's (MIT), with one loop over parse-latin's tree.

// parse-latin's white space characters (its `whiteSpace` expression).
const whiteSpace = '\\t-\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000'
/** Text {@link smartDashes} can change: dashes, backticks, doubled apostrophes, dots with dots near them. */
export const dashCandidate = new RegExp(`--|\u2013-|\`\`|''|\\.\\.|\\.[${whiteSpace}]+\\.`)

/** A node's text. */
export function nlcstText(node: NlcstParents | SentenceContent | NlcstRoot['children'][number]): string {
  if ('value' in node) return node.value
  let text = ''
  for (const child of node.children) text += nlcstText(child)
  return text
}

/** Dashes, ellipses and backticks in one text node (retext-smartypants with `quotes: false`, `dashes: 'oldschool'`). */
export function smartDashes(value: string): string {
  const tree = new ParseLatin().parse(value)
  walkPunctuation(tree)
  return nlcstText(tree)
}

/** unist-util-visit's order and its answer to a removed node (go on at the same index), which the rules rely on. */
function walkPunctuation(parent: NlcstParents): void {
  const siblings = parent.children as SentenceContent[]
  for (let index = 0; index < siblings.length; ) {
    const node = siblings[index]!
    if (node.type === 'PunctuationNode' || node.type === 'SymbolNode') {
      ellipsesSpaced(node, index, siblings)
      // Three or more dots without white space.
      if (/^\.{3,}$/.test(node.value)) node.value = '\u2026'
      if (node.value === '``') node.value = '\u201C'
      else if (node.value === "''") node.value = '\u201D'
      if (dashesOldschool(node, index, siblings)) {
        siblings.splice(index, 1)
        continue
      }
    } else if ('children' in node) {
      walkPunctuation(node)
    }
    index++
  }
}

/** `. . .` with white space between becomes one ellipsis (the spaces and dots before this one go). */
function ellipsesSpaced(node: { value: string }, index: number, siblings: SentenceContent[]): void {
  if (!/^\.+$/.test(node.value)) return
  let position = index
  let removed = 0
  let count = 1
  // Stops before the first sibling, as retext-smartypants does.
  while (--position > 0) {
    if (siblings[position]!.type !== 'WhiteSpaceNode') break
    const sibling = siblings[--position]
    if (sibling && (sibling.type === 'PunctuationNode' || sibling.type === 'SymbolNode') && /^\.+$/.test(sibling.value)) {
      removed += 2
      count++
      continue
    }
    break
  }
  if (count < 3) return
  siblings.splice(index - removed, removed)
  node.value = '\u2026'
}

/** `---` an em dash, `--` an en dash; an en dash then a hyphen (the two made of `---` split) an em dash. Returns whether to drop `node`. */
function dashesOldschool(node: { value: string }, index: number, siblings: SentenceContent[]): boolean {
  const next = siblings[index + 1]
  if (node.value === '\u2013' && next?.type === 'PunctuationNode' && next.value === '-') {
    next.value = '\u2014'
    return true
  }
  if (node.value === '---') node.value = '\u2014'
  else if (node.value === '--') node.value = '\u2013'
  return false
}
