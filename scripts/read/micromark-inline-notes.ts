import { asciiPunctuation, markdownLineEnding } from 'micromark-util-character'
import { codes, constants, types } from 'micromark-util-symbol'
import type { Code, Construct, Effects, Extension, State, Token, TokenizeContext } from 'micromark-util-types'

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    inlineNote: 'inlineNote'
    inlineNoteMarker: 'inlineNoteMarker'
  }
}

/**
 * Pandoc's inline notes (https://pandoc.org/MANUAL.html#extension-inline_notes):
 * `^[` opens a note whose text is inline Markdown, up to the `]` that
 * balances it, as pandoc finds it: brackets counted, a backslash-escaped
 * bracket and brackets inside code spans not counted, within one paragraph.
 * The text is handed to micromark's inline tokenizer again (a `chunkText`
 * per line, as micromark's own paragraphs), so emphasis, code, links, math
 * and citations inside a note are read as anywhere else. A `^[` with no
 * closing `]` is text.
 */
export function inlineNoteSyntax(): Extension {
  return { text: { [codes.caret]: inlineNote } }
}

const inlineNote: Construct = { name: 'inlineNote', tokenize: tokenizeInlineNote }
const codeSpanAhead: Construct = { tokenize: tokenizeCodeSpanAhead, partial: true }

function tokenizeInlineNote(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  // Brackets opened inside the note and not yet closed.
  let depth = 0
  // The backtick run that opened the code span we are in (0: not in one), and the run being read.
  let codeSize = 0
  let run = 0
  let chunk: Token | undefined

  return start

  function start(code: Code): State | undefined {
    effects.enter('inlineNote')
    effects.enter('inlineNoteMarker')
    effects.consume(code)
    return open
  }

  function open(code: Code): State | undefined {
    if (code !== codes.leftSquareBracket) return nok(code)
    effects.consume(code)
    effects.exit('inlineNoteMarker')
    return lineStart
  }

  /** A `chunkText` per line, linked, so positions after a line prefix (`> `, list indent) stay right. */
  function lineStart(code: Code): State | undefined {
    if (code === codes.eof) return nok(code)
    if (code === codes.rightSquareBracket && depth === 0 && codeSize === 0) return close(code)
    const token = effects.enter(types.chunkText, { contentType: constants.contentTypeText, ...(chunk ? { previous: chunk } : {}) })
    if (chunk) chunk.next = token
    chunk = token
    return inside(code)
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof) return nok(code)
    if (markdownLineEnding(code)) {
      effects.consume(code)
      effects.exit(types.chunkText)
      return lineStart
    }
    if (codeSize > 0) return inCode(code)
    if (code === codes.backslash) {
      effects.consume(code)
      return escaped
    }
    if (code === codes.graveAccent) return effects.check(codeSpanAhead, openCode, literalRun)(code)
    if (code === codes.leftSquareBracket) depth++
    if (code === codes.rightSquareBracket) {
      if (depth === 0) {
        effects.exit(types.chunkText)
        return close(code)
      }
      depth--
    }
    effects.consume(code)
    return inside
  }

  /** After `\`: an escaped punctuation mark is no bracket and opens no code. */
  function escaped(code: Code): State | undefined {
    if (asciiPunctuation(code)) {
      effects.consume(code)
      return inside
    }
    return inside(code)
  }

  /** A backtick run with a closing run of its length ahead: a code span, whose brackets do not count. */
  function openCode(code: Code): State | undefined {
    if (code === codes.graveAccent) {
      codeSize++
      effects.consume(code)
      return openCode
    }
    return inside(code)
  }

  /** A backtick run with no closing run: plain text. */
  function literalRun(code: Code): State | undefined {
    if (code === codes.graveAccent) {
      effects.consume(code)
      return literalRun
    }
    return inside(code)
  }

  function inCode(code: Code): State | undefined {
    if (code === codes.graveAccent) {
      run++
      effects.consume(code)
      return inCode
    }
    if (run === codeSize) codeSize = 0
    run = 0
    return markdownLineEnding(code) || code === codes.eof || codeSize === 0 ? inside(code) : consumeInCode(code)
  }

  function consumeInCode(code: Code): State | undefined {
    effects.consume(code)
    return inside
  }

  function close(code: Code): State | undefined {
    effects.enter('inlineNoteMarker')
    effects.consume(code)
    effects.exit('inlineNoteMarker')
    effects.exit('inlineNote')
    return ok
  }
}

/** Whether the backtick run here is closed by a run of the same length before the paragraph ends. */
function tokenizeCodeSpanAhead(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let size = 0
  let run = 0
  return function start(code: Code): State | undefined {
    effects.enter(types.codeTextData)
    return opening(code)
  }

  function opening(code: Code): State | undefined {
    if (code === codes.graveAccent) {
      size++
      effects.consume(code)
      return opening
    }
    return rest(code)
  }

  function rest(code: Code): State | undefined {
    if (code === codes.graveAccent) {
      run++
      effects.consume(code)
      return rest
    }
    if (run === size) {
      effects.exit(types.codeTextData)
      return ok(code)
    }
    run = 0
    if (code === codes.eof) return nok(code)
    effects.consume(code)
    return rest
  }
}
