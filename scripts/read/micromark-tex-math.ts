import { asciiDigit, markdownLineEnding, markdownLineEndingOrSpace } from 'micromark-util-character'
import { codes, types } from 'micromark-util-symbol'
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types'

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    texMath: 'texMath'
    texMathDisplay: 'texMathDisplay'
    texMathMarker: 'texMathMarker'
    texMathData: 'texMathData'
  }
}

/**
 * Pandoc's `tex_math_dollars` (https://pandoc.org/MANUAL.html#extension-tex_math_dollars):
 * `$…$` is inline math when the opening `$` has a non-space character right
 * after it, the closing `$` one right before it and no digit right after
 * it, and no `$` inside follows a space (so `$20 and $30` stays text); `$$…$$` is display math, anywhere in a
 * paragraph, over several lines. `\$` is a dollar inside or outside math.
 * (micromark-extension-math reads `$` like code spans, which turns prices
 * into formulas, and `$$` as a fence of its own line.)
 */
export function texMathSyntax(): Extension {
  return { text: { [codes.dollarSign]: texMath } }
}

const texMath: Construct = { name: 'texMath', tokenize: tokenizeTexMath }

function tokenizeTexMath(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this
  let display = false
  // Whether the previous content character was a space (a closing `$` may not follow one) or a backslash (it escapes).
  let afterSpace = false
  let afterBackslash = false
  const closer: Construct = { tokenize: tokenizeCloser, partial: true }

  return start

  function start(code: Code): State | undefined {
    // A `$` right after another is not an opening one (`$$$`), nor after a backslash (micromark escapes `\$` first).
    if (self.previous === codes.dollarSign) return nok(code)
    effects.enter('texMath')
    effects.enter('texMathMarker')
    effects.consume(code)
    return afterDollar
  }

  function afterDollar(code: Code): State | undefined {
    if (code === codes.dollarSign) {
      display = true
      effects.consume(code)
      effects.exit('texMathMarker')
      return openDisplay
    }
    effects.exit('texMathMarker')
    // Inline math starts with a non-space character.
    if (code === codes.eof || markdownLineEndingOrSpace(code)) return nok(code)
    effects.enter('texMathData')
    return content(code)
  }

  function openDisplay(code: Code): State | undefined {
    if (code === codes.eof || code === codes.dollarSign) return nok(code)
    effects.enter('texMathData')
    return content(code)
  }

  function content(code: Code): State | undefined {
    if (code === codes.eof) return nok(code)
    if (markdownLineEnding(code)) {
      effects.exit('texMathData')
      effects.enter(types.lineEnding)
      effects.consume(code)
      effects.exit(types.lineEnding)
      afterSpace = true
      afterBackslash = false
      effects.enter('texMathData')
      return content
    }
    if (code === codes.dollarSign && !afterBackslash) {
      if (display) return effects.check(closer, close, data)(code)
      // Pandoc: a `$` after a space ends no inline math, and makes the whole attempt text.
      return afterSpace ? nok(code) : close(code)
    }
    return data(code)
  }

  function data(code: Code): State | undefined {
    afterBackslash = code === codes.backslash && !afterBackslash
    afterSpace = code === codes.space || code === codes.horizontalTab || code === codes.virtualSpace
    effects.consume(code)
    return content
  }

  function close(code: Code): State | undefined {
    effects.exit('texMathData')
    effects.enter('texMathMarker')
    effects.consume(code)
    if (!display) return inlineEnd
    return closeSecond
  }

  /** A closing `$` followed by a digit (`$a$5`) is no math at all, as in pandoc. */
  function inlineEnd(code: Code): State | undefined {
    return asciiDigit(code) ? nok(code) : done(code)
  }

  function closeSecond(code: Code): State | undefined {
    effects.consume(code)
    return done
  }

  function done(code: Code): State | undefined {
    effects.exit('texMathMarker')
    effects.exit('texMath')
    return ok(code)
  }

  /** `$$`, closing display math. */
  function tokenizeCloser(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    return function first(code: Code): State | undefined {
      effects.enter('texMathMarker')
      effects.consume(code)
      return second
    }
    function second(code: Code): State | undefined {
      if (code !== codes.dollarSign) return nok(code)
      effects.consume(code)
      effects.exit('texMathMarker')
      return ok(code)
    }
  }
}

/** Whether a `texMath` token is display math: its source starts `$$`. */
export function isDisplayMath(source: string): boolean {
  return source.startsWith('$$')
}
