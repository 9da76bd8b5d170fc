import type { ElementContent, Root } from 'hast'
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'

// Text only: an image on the back cover would be a file or an address the build folder does not hold.
const textOnly = { ...defaultSchema, tagNames: (defaultSchema.tagNames ?? []).filter((name) => name !== 'img') }

/**
 * book.yaml's `backCover` (Markdown: paragraphs, emphasis, a quotation) as
 * HTML for the back cover, sanitised like any raw HTML of the manuscript:
 * the back cover is a file of the print build and must load nothing.
 */
export function backCoverHast(markdown: string | undefined): ElementContent[] {
  if (!markdown?.trim()) return []
  const processor = unified().use(remarkParse).use(remarkRehype).use(rehypeSanitize, textOnly)
  const tree = processor.runSync(processor.parse(markdown)) as Root
  return tree.children.filter((node): node is ElementContent => node.type === 'element' || node.type === 'text')
}
