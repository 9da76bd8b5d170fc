import type { Element, ElementContent, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toString as hastToString } from 'hast-util-to-string'
import temml from 'temml'
import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { eachElement, skipChildren } from '../lib/each-element.ts'

/** The MathML namespace: written on each `math` so the EPUB's XHTML puts it there (https://www.w3.org/TR/epub-33/#sec-xhtml-mathml). */
export const mathmlNamespace = 'http://www.w3.org/1998/Math/MathML'

/**
 * Render the TeX of `span.math` (from remark-tex-math) as MathML with temml,
 * which Chromium (print, web) and EPUB 3 reading systems display without
 * scripts or web fonts; the TeX goes along as the formula's annotation. A
 * formula TeX cannot read is a warning at its place, and prints as its TeX.
 * Runs after the raw HTML is sanitised: the sanitiser does not let MathML
 * through from a manuscript.
 */
const rehypeTexMath: Plugin<[], Root> = () => (tree, file) => {
  eachElement(tree, (node: Element) => {
    const classes = node.properties['className']
    if (node.tagName !== 'span' || !Array.isArray(classes) || !classes.includes('math')) return undefined
    const display = classes.includes('display')
    const tex = hastToString(node)
    node.children = render(tex, display, node, file)
    return skipChildren
  })
}

export default rehypeTexMath

function render(tex: string, display: boolean, node: Element, file: VFile): ElementContent[] {
  try {
    const mathml = temml.renderToString(tex, { displayMode: display, annotate: true, throwOnError: true })
    const fragment = fromHtml(mathml, { fragment: true })
    const math = fragment.children.find((child): child is Element => child.type === 'element' && child.tagName === 'math')
    if (!math) throw new Error('no MathML came out')
    math.properties['xmlns'] = mathmlNamespace
    // Temml's class for its own stylesheet; ours styles `math[display=block]`.
    delete math.properties['className']
    return [math]
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^(Temml )?parse error: /i, '') : String(error)
    const dollars = display ? '$$' : '$'
    file.message(`This formula is not TeX that samizdat can read (${reason}): \`${dollars}${tex}${dollars}\` is printed as it is written; check its braces and commands`, {
      ...(node.position ? { place: node.position } : {}),
      ruleId: 'tex-error',
      source: 'samizdat',
    })
    node.properties['className'] = ['math', display ? 'display' : 'inline', 'math-error']
    return [{ type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: `${dollars}${tex}${dollars}` }] }]
  }
}
