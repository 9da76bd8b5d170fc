import type { Element, Root } from 'hast'
import { headingRank } from 'hast-util-heading-rank'
import { toString as hastToString } from 'hast-util-to-string'
import type { Plugin } from 'unified'
import { eachElement } from '../lib/each-element.ts'

/**
 * Give every heading text: one whose only content was an image keeps the
 * image, now decorative, with its alt text printed after it (the contents,
 * the outline and the EPUB `<title>` need words); one with nothing at all (a link or image the sanitiser dropped) becomes
 * "Untitled section N", with a warning. A heading without text is an empty
 * contents entry and an empty EPUB `<title>`, which EPUBCheck rejects.
 */
const rehypeHeadingText: Plugin<[], Root> = () => {
  let untitled = 0
  return (tree, file) => {
    eachElement(tree, (node: Element) => {
      if (!headingRank(node) || hastToString(node).trim() !== '') return
      const alt = takeImageAlt(node)
      if (alt !== '') {
        node.children.push({ type: 'text', value: ` ${alt}` })
        return
      }
      untitled++
      node.children = [{ type: 'text', value: `Untitled section ${untitled}` }]
      file.message(`This heading has no text (what it held was not kept), so it is called “Untitled section ${untitled}” in the contents: give it words`, {
        place: node.position,
        ruleId: 'empty-heading',
        source: 'samizdat',
      })
    })
  }
}

/** The alt text of the heading's images, which become decorative (`alt=""`) since their words are now the heading's text. */
function takeImageAlt(heading: Element): string {
  const alts: string[] = []
  eachElement(heading, (node: Element) => {
    if (node.tagName !== 'img' || typeof node.properties['alt'] !== 'string' || node.properties['alt'].trim() === '') return
    alts.push(node.properties['alt'].trim())
    node.properties['alt'] = ''
  })
  return alts.join(' ')
}

export default rehypeHeadingText
