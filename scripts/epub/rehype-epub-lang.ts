import type { Element, Root } from 'hast'
import type { Plugin } from 'unified'
import { eachElement } from '../lib/each-element.ts'

/**
 * Every `lang` (a span or div in another language, `[…]{lang=fr}`) also as
 * `xml:lang`, which XHTML content documents read and some reading systems
 * go by (https://www.w3.org/TR/epub-33/#sec-xhtml-req).
 */
const rehypeEpubLang: Plugin<[], Root> = () => (tree) => {
  eachElement(tree, (node: Element) => {
    const lang = node.properties['lang']
    if (typeof lang === 'string' && lang !== '') node.properties['xmlLang'] = lang
  })
}

export default rehypeEpubLang
