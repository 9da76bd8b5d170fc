import { factorySpace } from 'micromark-factory-space'
import { markdownLineEnding, markdownSpace } from 'micromark-util-character'
import { codes, constants, types } from 'micromark-util-symbol'
import type { Code, Construct, Effects, Extension, State, Token, TokenizeContext } from 'micromark-util-types'
import { parsePandocAttributes } from './pandoc-attributes.ts'

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    fencedDiv: 'fencedDiv'
    fencedDivFence: 'fencedDivFence'
    fencedDivSequence: 'fencedDivSequence'
    fencedDivInfo: 'fencedDivInfo'
    fencedDivContent: 'fencedDivContent'
  }
}

/**
 * Pandoc's fenced divs (https://pandoc.org/MANUAL.html#extension-fenced_divs):
 * a line of three or more colons with attributes (`::: {#id .class}`) or one
 * class (`::: epigraph`), the content as Markdown blocks, and a line of three
 * or more colons that closes the innermost open div. As in pandoc, a fence
 * cannot interrupt a paragraph, and a div with no closing fence is text.
 */
export function fencedDivSyntax(): Extension {
  return { flow: { [codes.colon]: fencedDiv } }
}

const fencedDiv: Construct = { name: 'fencedDiv', tokenize: tokenizeFencedDiv, concrete: true }

/** What a line of a div's content is, for tracking the divs and code inside it. */
type LineKind = 'closer' | 'opener' | 'code-fence' | 'blank' | 'other'

/** The info after an opening fence as pandoc reads it: `{attributes}` or one word, optionally followed by colons. */
export function fenceInfo(text: string): string | undefined {
  const info = text.replace(/:+\s*$/, '').trim()
  if (info.startsWith('{')) return info.endsWith('}') && parsePandocAttributes(info.slice(1, -1)) && !info.slice(1, -1).trim().startsWith('=') ? info : undefined
  return /^[\p{L}\p{N}_-][\p{L}\p{N}_:.-]*$/u.test(info) ? info : undefined
}

/** Classify a line of a div's content (the text of the line, without its ending). */
function lineKind(line: string): LineKind {
  if (/^\s*$/.test(line)) return 'blank'
  const fence = /^\s*(:{3,})(.*)$/.exec(line)
  if (fence) return fence[2]!.trim() === '' ? 'closer' : fenceInfo(fence[2]!) ? 'opener' : 'other'
  return /^ {0,3}(`{3,}|~{3,})/.test(line) ? 'code-fence' : 'other'
}

function tokenizeFencedDiv(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this
  const tail = self.events[self.events.length - 1]
  const initialSize = tail && tail[1].type === types.linePrefix ? tail[2].sliceSerialize(tail[1], true).length : 0
  let info = ''
  let previous: Token | undefined
  // Divs opened inside this one and not yet closed; the code fence we are inside, if any.
  let depth = 0
  let codeFence: string | undefined
  let previousBlank = true
  let line = ''
  // The text of the line ahead, read by `peekLine` without consuming it.
  let peeked = ''
  const peekLine: Construct = { tokenize: tokenizePeek, partial: true }
  const closingFence: Construct = { tokenize: tokenizeClosingFence, partial: true }

  return start

  function start(code: Code): State | undefined {
    // A fence cannot interrupt a paragraph (pandoc wants a blank line before it).
    if (self.interrupt) return nok(code)
    effects.enter('fencedDiv')
    effects.enter('fencedDivFence')
    effects.enter('fencedDivSequence')
    return sequence(code)
  }

  function sequence(code: Code): State | undefined {
    if (code === codes.colon) {
      effects.consume(code)
      info += ':'
      return sequence
    }
    if (info.length < constants.codeFencedSequenceSizeMin) return nok(code)
    effects.exit('fencedDivSequence')
    info = ''
    return factorySpace(effects, infoStart, types.whitespace)(code)
  }

  function infoStart(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return nok(code)
    effects.enter('fencedDivInfo')
    return infoRest(code)
  }

  function infoRest(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      effects.exit('fencedDivInfo')
      if (fenceInfo(info) === undefined) return nok(code)
      effects.exit('fencedDivFence')
      // A div without content or closing fence is text.
      if (code === codes.eof) return nok(code)
      effects.enter(types.lineEnding)
      effects.consume(code)
      effects.exit(types.lineEnding)
      effects.enter('fencedDivContent')
      return lineStart
    }
    info += markdownSpace(code) ? ' ' : String.fromCharCode(code)
    effects.consume(code)
    return infoRest
  }

  /** At the start of each content line: close on a fence at this div's depth, else pass the line on as content. */
  function lineStart(code: Code): State | undefined {
    // The end of the text, or of the container the div is in (a lazy line): no closing fence, so no div.
    if (code === codes.eof || self.parser.lazy[self.now().line]) return nok(code)
    return effects.check(peekLine, classify, classify)(code)
  }

  function classify(code: Code): State | undefined {
    const kind = lineKind(peeked)
    if (codeFence !== undefined) {
      if (kind === 'code-fence' && peeked.trim().startsWith(codeFence)) codeFence = undefined
    } else if (kind === 'code-fence') {
      codeFence = /^\s*(`{3,}|~{3,})/.exec(peeked)![1]!
    } else if (kind === 'closer') {
      if (depth === 0) return effects.attempt(closingFence, closed, nok)(code)
      depth -= 1
    } else if (kind === 'opener' && previousBlank) {
      depth += 1
    }
    previousBlank = kind === 'blank' || kind === 'closer' || kind === 'opener'
    return initialSize ? factorySpace(effects, chunkStart, types.linePrefix, initialSize + 1)(code) : chunkStart(code)
  }

  function chunkStart(code: Code): State | undefined {
    if (code === codes.eof) return nok(code)
    const token = effects.enter(types.chunkDocument, { contentType: constants.contentTypeDocument, ...(previous ? { previous } : {}) })
    if (previous) previous.next = token
    previous = token
    return chunkContinue(code)
  }

  function chunkContinue(code: Code): State | undefined {
    if (code === codes.eof) return nok(code)
    if (markdownLineEnding(code)) {
      effects.consume(code)
      const token = effects.exit(types.chunkDocument)
      self.parser.lazy[token.start.line] = false
      return lineStart
    }
    effects.consume(code)
    return chunkContinue
  }

  function closed(code: Code): State | undefined {
    effects.exit('fencedDivContent')
    effects.exit('fencedDiv')
    return ok(code)
  }

  function tokenizePeek(this: TokenizeContext, effects: Effects, ok: State): State {
    peeked = ''
    line = ''
    return function read(code: Code): State | undefined {
      if (code === codes.eof || markdownLineEnding(code)) {
        peeked = line
        return ok(code)
      }
      line += markdownSpace(code) ? ' ' : String.fromCharCode(code)
      effects.enter(types.data)
      effects.consume(code)
      effects.exit(types.data)
      return read
    }
  }

  function tokenizeClosingFence(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    let size = 0
    return factorySpace(effects, fenceStart, types.linePrefix, initialSize + constants.tabSize)

    function fenceStart(code: Code): State | undefined {
      effects.enter('fencedDivFence')
      effects.enter('fencedDivSequence')
      return fenceSequence(code)
    }

    function fenceSequence(code: Code): State | undefined {
      if (code === codes.colon) {
        effects.consume(code)
        size += 1
        return fenceSequence
      }
      if (size < constants.codeFencedSequenceSizeMin) return nok(code)
      effects.exit('fencedDivSequence')
      return factorySpace(effects, fenceEnd, types.whitespace)(code)
    }

    function fenceEnd(code: Code): State | undefined {
      if (code !== codes.eof && !markdownLineEnding(code)) return nok(code)
      effects.exit('fencedDivFence')
      return ok(code)
    }
  }
}
