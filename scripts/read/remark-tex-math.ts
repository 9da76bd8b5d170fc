import type {} from 'mdast-util-to-hast'
import type { Literal, Root } from 'mdast'
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown'
import type { Plugin } from 'unified'
import { isDisplayMath, texMathSyntax } from './micromark-tex-math.ts'

/** `$…$`: TeX math in the line. */
export interface InlineMath extends Literal {
  type: 'inlineMath'
}

/** `$$…$$`: TeX math set on its own line, inside a paragraph as pandoc reads it. */
export interface DisplayMath extends Literal {
  type: 'displayMath'
}

declare module 'mdast' {
  interface PhrasingContentMap {
    inlineMath: InlineMath
    displayMath: DisplayMath
  }
  interface RootContentMap {
    inlineMath: InlineMath
    displayMath: DisplayMath
  }
}

/**
 * TeX math as pandoc reads it (see {@link texMathSyntax}): `inlineMath` and
 * `displayMath` nodes, which reach hast as `span.math.inline` /
 * `span.math.display` holding the TeX, for `rehype-tex-math` to render as
 * MathML once the raw HTML is sanitised.
 */
const remarkTexMath: Plugin<[], Root> = function () {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(texMathSyntax())
  ;(data.fromMarkdownExtensions ??= []).push(texMathFromMarkdown)
}

export default remarkTexMath

const texMathFromMarkdown: FromMarkdownExtension = {
  enter: {
    texMath(this: CompileContext, token: Token) {
      const source = this.sliceSerialize(token)
      const display = isDisplayMath(source)
      const value = display ? source.slice(2, -2).trim() : source.slice(1, -1)
      const node: InlineMath | DisplayMath = {
        type: display ? 'displayMath' : 'inlineMath',
        value,
        data: { hName: 'span', hProperties: { className: ['math', display ? 'display' : 'inline'] }, hChildren: [{ type: 'text', value }] },
      }
      this.enter(node as never, token)
    },
  },
  exit: {
    texMath(this: CompileContext, token: Token) {
      this.exit(token)
    },
  },
}
