import type { Element, ElementContent, Root } from 'hast'
import { headingRank } from 'hast-util-heading-rank'
import { toString as hastToString } from 'hast-util-to-string'
import type { HastChapter } from '../lib/book-model.ts'
import { crossReferenceTerms, type CrossReferenceTerms } from '../lib/cross-reference-terms.ts'
import { eachElement } from '../lib/each-element.ts'
import { type QuotePreference, quotesForLang } from '../lib/quotes-for-lang.ts'
import { nearestKey } from '../diagnostics/nearest-key.ts'

/** A numbered or titled thing a cross-reference can point at. */
interface Target {
  readonly kind: 'fig' | 'tbl' | 'eq' | 'lst' | 'sec' | 'chapter'
  /** "3", "4.1"; undefined for an unnumbered section. */
  readonly number: string | undefined
  readonly title: string
}

const hasClass = (node: Element, name: string) => Array.isArray(node.properties['className']) && node.properties['className'].includes(name)
const labelled = (id: unknown, kind: string): id is string => typeof id === 'string' && (id.startsWith(`${kind}:`) || id.startsWith(`${kind}-`))

/**
 * Number the book's labelled figures, tables, equations and listings in
 * reading order (`Figure 1: ` before each caption, `(1)` after each
 * equation), then word every cross-reference from remark-cross-references
 * in the book's language: "Figure 3", "Table 2", "section 4.1" (or the
 * section's title when sections are not numbered), "equation (1)". In print
 * the link then gets its page like any other. A reference to a label no
 * target has is a warning at the reference, with the nearest label, and
 * prints `??`.
 */
export function resolveCrossReferences(chapters: readonly HastChapter[], lang: string, quotePreference?: QuotePreference): void {
  const terms = crossReferenceTerms(lang)
  const targets = new Map<string, Target>()
  const counters = { fig: 0, tbl: 0, eq: 0, lst: 0 }
  for (const chapter of chapters) {
    eachElement(chapter.hast, (node: Element) => {
      const id = node.properties['id']
      const rank = headingRank(node)
      if (rank && typeof id === 'string') {
        const number = node.properties['dataNumber']
        const title = node.children.filter((child) => !(child.type === 'element' && hasClass(child, 'secno'))).map((child) => hastToString(child)).join('').trim()
        targets.set(id, { kind: rank === 1 ? 'chapter' : 'sec', number: typeof number === 'string' ? number : undefined, title })
        return undefined
      }
      const kind = node.tagName === 'figure' ? (hasClass(node, 'listing') ? 'lst' : 'fig') : node.tagName === 'table' ? 'tbl' : node.tagName === 'span' && hasClass(node, 'equation') ? 'eq' : undefined
      if (!kind || (kind !== 'eq' && !labelled(id, kind))) return undefined
      const number = String(++counters[kind])
      targets.set(String(id), { kind, number, title: '' })
      if (kind === 'eq') node.children.push({ type: 'element', tagName: 'span', properties: { className: ['equation-number'] }, children: [{ type: 'text', value: `(${number})` }] })
      else addCaptionLabel(node, `${capitalise(terms[kind][0])}\u00A0${number}:`)
      return undefined
    })
  }
  const quotes = quotesForLang(lang, quotePreference)
  const word = (target: Target) => wording(target, terms, `${quotes.openingQuotes.double}${target.title}${quotes.closingQuotes.double}`)
  for (const chapter of chapters) {
    eachElement(chapter.hast, (node: Element, index, parent) => {
      if (node.tagName === 'span' && hasClass(node, 'crossref-group')) {
        joinGroup(node, targets, terms)
        return undefined
      }
      // The sanitiser keeps an `a`'s `data-*` but not its classes: the class is given here.
      if (node.tagName !== 'a' || node.properties['dataCrossref'] === undefined || !parent || index === undefined) return undefined
      node.properties['className'] = ['crossref']
      const id = String(node.properties['href']).slice(1)
      const target = targets.get(id)
      if (!target) {
        const guess = nearestKey(id, [...targets.keys()])
        chapter.file.message(`No figure, table, equation or section is labelled \`${id}\`${guess ? `; did you mean \`@${guess}\`?` : ': give the target `{#' + id + '}`, or check the spelling'}`, {
          ...(node.position ? { place: node.position } : {}),
          ruleId: 'unknown-cross-reference',
          source: 'samizdat',
        })
        parent.children[index] = { type: 'element', tagName: 'span', properties: { className: ['crossref', 'crossref-missing'] }, children: [{ type: 'text', value: '??' }] }
        return undefined
      }
      const form = node.properties['dataCrossrefForm']
      delete node.properties['dataCrossrefForm']
      const text = form === 'number' ? numberOnly(target) : word(target)
      node.children = [{ type: 'text', value: form === 'capital' || startsSentence(parent, index) ? capitalise(text) : text }]
      return undefined
    })
  }
}

/**
 * `[@fig:a; @fig:b; @fig:c]` as "Figures 1, 2 and 3" (each number its own
 * link) when all are numbered targets of one kind; else each reference is
 * worded alone, separated by commas.
 */
function joinGroup(group: Element, targets: ReadonlyMap<string, Target>, terms: CrossReferenceTerms): void {
  const links = group.children.filter((child): child is Element => child.type === 'element')
  const found = links.map((link) => targets.get(String(link.properties['href']).slice(1)))
  const kind = found[0]?.kind
  const together = kind !== undefined && found.every((target) => target?.kind === kind && target.number !== undefined)
  const children: ElementContent[] = []
  links.forEach((link, index) => {
    if (index > 0) children.push({ type: 'text', value: index === links.length - 1 ? ` ${terms.and} ` : ', ' })
    if (together) {
      link.properties['dataCrossrefForm'] = 'number'
      if (index === 0) children.push({ type: 'text', value: `${terms[kind][1]} ` })
    }
    children.push(link)
  })
  group.children = children
}

/** "Figure 3", "equation (1)", "section 4.1", "section “Method”". */
function wording(target: Target, terms: CrossReferenceTerms, quotedTitle: string): string {
  const [singular] = terms[target.kind]
  if (target.number === undefined) return `${singular} ${quotedTitle}`
  return `${singular}\u00A0${numberOnly(target)}`
}

function numberOnly(target: Target): string {
  if (target.number === undefined) return target.title
  return target.kind === 'eq' ? `(${target.number})` : target.number
}

/** A reference at the start of its paragraph or after a full stop is capitalised, as a sentence's first word. */
function startsSentence(parent: Element | Root, index: number): boolean {
  const before = parent.children.slice(0, index)
  const text = before.map((node) => hastToString(node)).join('')
  return /(^|[.!?]\s+)$/.test(text) && 'tagName' in parent && ['p', 'li', 'dd', 'td', 'th', 'figcaption', 'caption'].includes(parent.tagName)
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1)
}

/** `Figure 3:` before the figure's (or table's) caption. */
function addCaptionLabel(node: Element, label: string): void {
  const caption = node.children.find((child): child is Element => child.type === 'element' && (child.tagName === 'figcaption' || child.tagName === 'caption'))
  if (!caption) return
  caption.children.unshift({ type: 'element', tagName: 'span', properties: { className: ['caption-label'] }, children: [{ type: 'text', value: label }] }, { type: 'text', value: ' ' })
}
