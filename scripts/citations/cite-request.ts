import type { PhrasingContent } from 'mdast'
import { toString as mdastToString } from 'mdast-util-to-string'
import type { CiteRequest } from './citation-registry.ts'
import type { CiteItem } from './parse-citations.ts'
import { type LocatorTerms, parseLocator } from './parse-locator.ts'

/** A parsed cite as citeproc wants it: locator split off the suffix, affixes as citeproc rich text. */
export function citeRequest(item: CiteItem, terms: LocatorTerms): CiteRequest {
  const firstOther = item.suffix.findIndex((node) => node.type !== 'text')
  const leading = firstOther === -1 ? item.suffix : item.suffix.slice(0, firstOther)
  const others = firstOther === -1 ? [] : item.suffix.slice(firstOther)
  const { label, locator, rest } = parseLocator(richText(leading), terms)
  const suffix = squash(rest + richText(others))
  return {
    key: item.key,
    prefix: squash(richText(item.prefix)).trimStart(),
    // citeproc puts a space before a suffix that starts with a word, none before punctuation.
    suffix: suffix.trimStart(),
    // Smart punctuation made `1001--1003` an en dash; citeproc formats (and shortens, by the style's
    // page-range-format: "1001–3") only ranges it sees as hyphens.
    locator: locator?.trim().replace(/(?<=\w)\u2013(?=\w)/g, '-') || undefined,
    label,
    suppressAuthor: item.suppressAuthor,
  }
}

/**
 * Phrasing as citeproc-js rich text, which understands `<i>`, `<b>`, `<sup>`,
 * `<sub>` and `<span class="nocase">` in affixes
 * (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html#html-like-formatting-tags).
 */
function richText(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
          return node.value
        case 'emphasis':
          return `<i>${richText(node.children)}</i>`
        case 'strong':
          return `<b>${richText(node.children)}</b>`
        case 'break':
          return ' '
        case 'footnoteReference':
          return ''
        default:
          return mdastToString(node)
      }
    })
    .join('')
}

/** Line breaks in a Markdown paragraph are spaces. */
function squash(text: string): string {
  return text.replace(/\s+/g, ' ')
}
