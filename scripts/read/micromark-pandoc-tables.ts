import { markdownLineEnding, markdownSpace } from 'micromark-util-character'
import { codes, types } from 'micromark-util-symbol'
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types'
import { dashGroups, readPandocTable, type TableLayout } from './pandoc-tables.ts'

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    pandocTable: 'pandocTable'
    pandocTableLine: 'pandocTableLine'
  }
  interface Token {
    /** The table read from the lines, for the mdast (see remark-pandoc-tables). */
    pandocTable?: TableLayout
  }
}

// Lines a table may have before samizdat stops looking for its end.
const maxLines = 2000

/**
 * Pandoc's simple and multiline tables that open with a dash line, as a
 * micromark flow construct tried before a thematic break (which the dash
 * line would otherwise be): it reads lines until a closing dash line before
 * a blank line (or, without blank lines, until the first blank line) and
 * keeps them when {@link readPandocTable} reads a table; else it leaves them
 * to the other constructs. A table cannot interrupt a paragraph. (A simple
 * table that opens with its header line is found in the mdast instead, by
 * remark-pandoc-tables: a construct tried from every paragraph's first line
 * would keep a compact definition list's `:` line from starting.)
 */
export function pandocTableSyntax(): Extension {
  return { flow: { [codes.dash]: dashFirst } }
}

const dashFirst: Construct = { name: 'pandocTable', tokenize: tokenizePandocTable, add: 'before' }

function tokenizePandocTable(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this
  const lines: string[] = []
  // The first line's indent went to a line prefix before this construct began: columns count from the margin.
  const tail = self.events[self.events.length - 1]
  let line = tail && tail[1].type === types.linePrefix ? ' '.repeat(tail[2].sliceSerialize(tail[1], true).length) : ''
  let inLine = false
  let nextBlank = false
  const blankAhead: Construct = { tokenize: tokenizeBlankAhead, partial: true }
  // A `---` line that opens the document is front matter (as in pandoc), never a table.
  const opensDocument = self.now().offset === 0

  return start

  function start(code: Code): State | undefined {
    if (self.interrupt || code === codes.eof || markdownLineEnding(code)) return nok(code)
    effects.enter('pandocTable')
    return lineContent(code)
  }

  function lineContent(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      if (inLine) effects.exit('pandocTableLine')
      inLine = false
      lines.push(line)
      line = ''
      if (code === codes.eof) return finish(code)
      return effects.check(blankAhead, afterCheck(true), afterCheck(false))(code)
    }
    if (!inLine) effects.enter('pandocTableLine')
    inLine = true
    line += markdownSpace(code) ? ' ' : String.fromCharCode(code)
    effects.consume(code)
    return lineContent
  }

  function afterCheck(blank: boolean): State {
    return (code) => {
      nextBlank = blank
      return decide(code)
    }
  }

  /** At the end of a line: end the table here, read on, or give up. */
  function decide(code: Code): State | undefined {
    const dashStart = dashGroups(lines[0]!) !== undefined
    if (lines.length > maxLines) return nok(code)
    if (opensDocument && lines.length === 1 && lines[0]!.trimEnd() === '---') return nok(code)
    if (nextBlank) {
      if (!dashStart || readPandocTable(lines)) return finish(code)
      // A dash line and then a blank line is a thematic break, not a table.
      if (lines.length === 1) return nok(code)
    } else if (!dashStart && lines.length === 2 && !dashGroups(lines[1]!)) {
      return nok(code)
    }
    effects.enter(types.lineEnding)
    effects.consume(code)
    effects.exit(types.lineEnding)
    return lineContent
  }

  function finish(code: Code): State | undefined {
    const layout = readPandocTable(lines)
    if (!layout) return nok(code)
    const token = effects.exit('pandocTable')
    token.pandocTable = layout
    return ok(code)
  }

  /** Whether the next line is blank (or the text ends). */
  function tokenizeBlankAhead(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    return function lineEnd(code: Code): State | undefined {
      effects.enter(types.lineEnding)
      effects.consume(code)
      effects.exit(types.lineEnding)
      return rest
    }
    function rest(code: Code): State | undefined {
      if (code === codes.eof || markdownLineEnding(code)) return ok(code)
      if (markdownSpace(code)) {
        effects.enter(types.whitespace)
        effects.consume(code)
        effects.exit(types.whitespace)
        return rest
      }
      return nok(code)
    }
  }
}
