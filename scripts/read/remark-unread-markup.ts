import type { Nodes, Root, Text } from 'mdast'
import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { textSlicer } from './text-slicer.ts'

/** A kind of markup that, left in the text, means samizdat did not read what the writer meant. */
interface Leftover {
  readonly pattern: RegExp
  readonly reason: (match: RegExpExecArray) => string
  /** Characters of the match (from its first non-space) any of which, written backslash-escaped, makes it the writer's text: the first, unless said. */
  readonly escapes?: readonly number[]
}

const leftovers: readonly Leftover[] = [
  {
    pattern: /(?<=^|\n)[ \t]*:{3,}[^\n]*/g,
    reason: (match) =>
      /^\s*:{3,}\s*$/.test(match[0])
        ? 'This `:::` closes no fenced div, so it prints as it is: check that the div it should close begins with `::: {.class}` or `::: class` after a blank line'
        : `\`${match[0].trim()}\` is not read as a fenced div, so it prints as it is: a div begins after a blank line with \`:::\` and one class or \`{attributes}\` (\`::: epigraph\`, \`::: {.verse lang=fr}\`) and ends with its own \`:::\` line`,
  },
  {
    pattern: /\]\{[^}\n]*\}?/g,
    reason: (match) => `\`${match[0]}\` is not read as a bracketed span's attributes, so it prints as it is: write \`[text]{.class}\`, \`[text]{lang=fr}\` or \`[text]{#id}\` (classes with \`.\`, ids with \`#\`, values with spaces in quotes)`,
  },
  {
    pattern: /(?<!\])\{[#.][^}\n]*\}?/g,
    reason: (match) => `\`${match[0]}\` is not read as attributes, so it prints as it is: attributes go right after a heading, an image, a link, a span \`[…]\`, inline code or \`$$…$$\`, as \`{#id .class key=value}\``,
  },
  {
    pattern: /(?<=^)Table:[^\n]*/g,
    reason: () => 'This `Table:` caption has no table right before or after it, so it prints as it is: put it on the line after the table (or before it), with a blank line between',
  },
  {
    pattern: /\$\$/g,
    reason: () => 'This `$$` opens no formula that samizdat can read, so it prints as it is: display math is `$$…$$` with no blank line inside; write `\\$` for a dollar sign',
  },
  {
    pattern: /(?<=^|\n)\|[ \t][^\n]*/g,
    reason: () => 'This looks like a line block (`| line`) but is not read as one, so the bars print: every line of a line block begins with `| ` (or a space, to continue the line before), after a blank line',
  },
  {
    pattern: /(?<=^|\s)::?[a-zA-Z][\w-]*(\[[^\]\n]*\])?\{[^}\n]*\}/g,
    reason: (match) => `\`${match[0]}\` looks like a directive (\`:name[…]{…}\`), which samizdat does not read: it prints as it is; use a bracketed span \`[text]{.name}\` or a fenced div \`::: name\``,
  },
  {
    pattern: /\^\[/g,
    reason: () => 'This `^[` opens no inline note, so it prints as it is: an inline note is `^[its text]` in one paragraph, with its brackets balanced (write `\\]` for a bracket inside it); write `\\^[` for a caret before a bracket',
    escapes: [0, 1],
  },
]

// Text inside these is shown as written on purpose.
const skipped = new Set(['code', 'inlineCode', 'html', 'inlineMath', 'displayMath', 'yaml', 'crossReference'])

/**
 * `samizdat check`'s promise that nothing prints as markup: after every
 * pandoc construct has been read, look for the marks of one that was not
 * (`:::`, `]{`, `{#`, `Table:`, `$$`, `| ` lines, directives, `^[`) in the text
 * and say, at its place, why it was not read and how to write it.
 */
const remarkUnreadMarkup: Plugin<[], Root> = () => (tree, file) => {
  const slicer = textSlicer(file)
  const walk = (node: Nodes) => {
    if (node.type === 'text') {
      check(node, file, slicer)
      return
    }
    if (!('children' in node) || skipped.has(node.type)) return
    for (const child of node.children) walk(child as Nodes)
  }
  walk(tree)
}

export default remarkUnreadMarkup

function check(node: Text, file: VFile, slicer: ReturnType<typeof textSlicer>): void {
  for (const leftover of leftovers) {
    leftover.pattern.lastIndex = 0
    for (let match = leftover.pattern.exec(node.value); match; match = leftover.pattern.exec(node.value)) {
      const at = match.index + (match[0].length - match[0].trimStart().length)
      if ((leftover.escapes ?? [0]).some((offset) => slicer.escaped(node, at + offset))) continue
      const place = slicer.place(node, at, match.index + match[0].length)
      // Text with no place is the pipeline's own, not the writer's markup.
      if (place) file.message(leftover.reason(match), { place, ruleId: 'unread-markup', source: 'samizdat' })
    }
  }
}
