import type { Element, ElementContent, Root as HastRoot } from 'hast'
import { headingRank } from 'hast-util-heading-rank'
import { toString as hastToString } from 'hast-util-to-string'
import { toHast } from 'mdast-util-to-hast'
import rehypeRawWhereNeeded from './rehype-raw-where-needed.ts'
import { unified } from 'unified'
import type { HastChapter, MdastChapter } from '../lib/book-model.ts'
import type { ResolvedBook } from '../config/resolve-book.ts'
import { eachElement } from '../lib/each-element.ts'
import { termsForLang } from '../lib/terms-for-lang.ts'
import { pandocHandlers } from './pandoc-handlers.ts'
import rehypeUniqueIds from './rehype-unique-ids.ts'
import rehypeBlockIds from './rehype-block-ids.ts'
import rehypeHeadingText from './rehype-heading-text.ts'
import rehypeHeadingIds from './rehype-heading-ids.ts'
import rehypeMdbookListings from './rehype-mdbook-listings.ts'
import rehypeLocalResources from './rehype-local-resources.ts'
import rehypeImageSize from './rehype-image-size.ts'
import rehypeSectionNumbers from './rehype-section-numbers.ts'
import rehypeTexMath from './rehype-tex-math.ts'
import rehypeTrustedHtml from './rehype-trusted-html.ts'
import rehypeUntrustedHtml from './rehype-untrusted-html.ts'
import { timedPlugin } from '../diagnostics/timed-plugin.ts'
import { timeStep } from '../diagnostics/timings.ts'

/** The rehype transforms every chapter goes through, with book-wide state (ids, numbers). */
export function createHastProcessor(book: ResolvedBook) {
  const processor = unified().use(timedPlugin(rehypeRawWhereNeeded, 'rehypeRaw')).use(timedPlugin(rehypeMdbookListings))
  processor.use(timedPlugin(book.trustedHtml ? rehypeTrustedHtml : rehypeUntrustedHtml))
  // After the sanitiser, which lets no MathML through from a manuscript.
  processor.use(timedPlugin(rehypeTexMath)).use(timedPlugin(rehypeImageSize))
  return processor
    .use(timedPlugin(rehypeLocalResources), { root: book.root })
    .use(timedPlugin(rehypeHeadingText))
    .use(timedPlugin(rehypeHeadingIds))
    .use(timedPlugin(rehypeSectionNumbers), { enabled: book.numberSections })
    .use(timedPlugin(rehypeUniqueIds))
    .use(timedPlugin(rehypeBlockIds))
    .freeze()
}

/**
 * Turn each chapter's mdast into hast, in reading order through one
 * processor, so heading ids and section numbers run across the book.
 */
export async function mdastToHast(chapters: readonly MdastChapter[], book: ResolvedBook): Promise<HastChapter[]> {
  const processor = createHastProcessor(book)
  const terms = termsForLang(book.lang)
  const result: HastChapter[] = []
  for (const chapter of chapters) {
    const hast = timeStep('mdast-util-to-hast', () =>
      toHast(chapter.mdast, {
      allowDangerousHtml: true,
      handlers: pandocHandlers,
      // Footnote ids are unique across the book: `introduction-fn-1`.
      clobberPrefix: `${chapter.id}-`,
      footnoteLabel: terms.notes,
        footnoteBackLabel: terms.backToText,
      }),
    ) as HastRoot
    prefixFootnoteLabel(hast, chapter.id)
    // SUMMARY.md's prefix and suffix chapters are not numbered (mdBook), even when sections are.
    if (book.outline?.entries.get(chapter.file.path)?.numbered === false) markUnnumbered(hast)
    const tree = (await processor.run(hast, chapter.file)) as HastRoot
    result.push(withTitle(chapter, tree, book.outline?.entries.get(chapter.file.path)?.title))
  }
  return result
}

function withTitle(chapter: MdastChapter, hast: HastRoot, outlineTitle: string | undefined): HastChapter {
  const heading = hast.children.find((node): node is Element => node.type === 'element' && headingRank(node) === 1)
  const first = heading ? undefined : firstHeading(hast)
  if (first && chapter.index > 0) return continuation(chapter, hast, first, outlineTitle)
  if (!heading && outlineTitle === undefined) {
    chapter.file.message('This chapter has no `# Title` heading: add one so it appears in the contents and running heads', {
      place: { line: 1, column: 1 },
      ruleId: 'missing-chapter-title',
      source: 'samizdat',
    })
  }
  // SUMMARY.md's title names a file with no heading; one with a `# Title` keeps it.
  // `# A long title {short-title="Short"}`, as pandoc's `short-caption` names a figure's short form.
  const shortTitle = typeof heading?.properties['dataShortTitle'] === 'string' ? heading.properties['dataShortTitle'] : undefined
  const matterTitle = shortTitle ?? chapter.file.data.matter?.['short-title'] ?? chapter.file.data.matter?.title ?? (heading ? undefined : outlineTitle)
  const titleContent: ElementContent[] = heading ? withoutNumber(heading.children) : [{ type: 'text', value: matterTitle ?? chapter.id }]
  return {
    ...chapter,
    hast,
    title: matterTitle ?? titleContent.map((node) => hastToString(node)).join('').trim(),
    titleContent,
    headingId: heading ? String(heading.properties['id']) : chapter.id,
  }
}

/** A file that starts at `##` after another chapter: that chapter goes on (see {@link HastChapter.continues}). */
function continuation(chapter: MdastChapter, hast: HastRoot, first: Element, outlineTitle: string | undefined): HastChapter {
  const titleContent = withoutNumber(first.children)
  const text = titleContent.map((node) => hastToString(node)).join('').trim()
  return { ...chapter, hast, title: outlineTitle ?? text, titleContent, headingId: String(first.properties['id']), continues: true }
}

/** The first heading of a chapter at its top level (a notes section's heading is not one). */
function firstHeading(hast: HastRoot): Element | undefined {
  return hast.children.find((node): node is Element => node.type === 'element' && headingRank(node) !== undefined)
}

function withoutNumber(children: readonly ElementContent[]): ElementContent[] {
  const [first, second, ...rest] = children
  const numbered = first?.type === 'element' && first.tagName === 'span' && (first.properties['className'] as string[] | undefined)?.includes('secno')
  return numbered ? (second?.type === 'text' && second.value === ' ' ? rest : [second!, ...rest].filter(Boolean)) : [...children]
}

function markUnnumbered(hast: HastRoot): void {
  eachElement(hast, (node: Element) => {
    if (!headingRank(node)) return
    const classes = node.properties['className']
    node.properties['className'] = [...(Array.isArray(classes) ? classes : []), 'unnumbered']
  })
}

/** remark-rehype gives every chapter's notes heading the id `footnote-label`: make it unique in the book. */
function prefixFootnoteLabel(hast: HastRoot, prefix: string): void {
  const id = `${prefix}-footnote-label`
  eachElement(hast, (node: Element) => {
    if (node.properties['id'] === 'footnote-label') node.properties['id'] = id
    if (node.properties['ariaDescribedBy'] !== undefined) node.properties['ariaDescribedBy'] = [id]
  })
}
