import type { Element, ElementContent } from 'hast'
import type { Html, Parent, Root, RootContent } from 'mdast'
import { type Plugin, unified } from 'unified'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import type { MdastChapter } from '../lib/book-model.ts'
import type { ResolvedBook } from '../config/resolve-book.ts'
import { failFile } from '../diagnostics/fail.ts'
import { bibliographyElement, bibliographyHeading, isBibliographyMarker } from './bibliography-element.ts'
import { bookFile, bookYamlPlace } from './book-yaml-place.ts'
import { type CitationRegistry, type ClusterRequest, createCitationRegistry } from './citation-registry.ts'
import { appendUnknown, joinWithSpace, parenthesize, renderAsNote, renderInline, renderUnknown } from './citation-nodes.ts'
import { citeRequest } from './cite-request.ts'
import { fallbackAuthor } from './fallback-author.ts'
import { loadCslStyle } from './load-csl-style.ts'
import { loadReferences, type References } from './load-references.ts'
import { nearestKey } from '../diagnostics/nearest-key.ts'
import { type CitationOccurrence, orderCitations } from './order-citations.ts'
import { type CitationNode, parseCitations } from './parse-citations.ts'
import { locatorTerms } from './parse-locator.ts'
import { timeStep } from '../diagnostics/timings.ts'
import { timedPlugin } from '../diagnostics/timed-plugin.ts'

/** What the per-chapter step needs; loaded once for the book by {@link citeBook}. */
export interface RemarkCitationsOptions {
  readonly references: References
  /** Take bare `@key` citations too (the book has a bibliography). */
  readonly inText: boolean
  /** Receives each chapter's citation nodes, for the book-level render. */
  readonly collected: Map<Root, CitationNode[]>
}

/**
 * Per chapter: find pandoc citations, replace them with `citation` nodes and
 * report unknown keys (`unknown-citation-key`, at the `@key`, with the nearest
 * known key). Rendering waits for the whole book ({@link citeBook}).
 */
const remarkCitations: Plugin<[RemarkCitationsOptions], Root> = (options) => (tree, file) => {
  const nodes = parseCitations(tree, file, { inText: options.inText })
  for (const node of nodes) for (const item of node.items) if (!options.references.byKey.has(item.key)) reportUnknown(file, item, options)
  options.collected.set(tree, nodes)
}

export default remarkCitations

function reportUnknown(file: VFile, item: CitationNode['items'][number], { references }: RemarkCitationsOptions) {
  const names = references.files.map((bib) => bib.basename).join(', ')
  const broken = references.unreadable.get(item.key)
  if (broken) {
    const line = broken.place ? ` (line ${broken.place.line})` : ''
    file.message(`Citation key \`@${item.key}\` is not cited: its entry in ${broken.file.basename}${line} could not be read; fix the entry there (see the message on it)`, {
      ...(item.position ? { place: item.position } : {}),
      ruleId: 'unknown-citation-key',
      source: 'samizdat',
    })
    return
  }
  const guess = nearestKey(item.key, references.byKey.keys())
  const where = names ? `it is not in ${names}` : 'the book has no bibliography (add `bibliography: references.bib` to book.yaml)'
  const advice = guess ? `; did you mean \`@${guess}\`?` : names ? '; check the spelling or add the work to the bibliography' : ''
  file.message(`Unknown citation key \`@${item.key}\`: ${where}${advice}`, {
    ...(item.position ? { place: item.position } : {}),
    ruleId: 'unknown-citation-key',
    source: 'samizdat',
  })
}

/** What {@link citeBook} hands back to the pipeline. */
export interface CitedBook {
  /** `section#refs` for the end of the book, when the book cites anything and no `<div id="refs"></div>` marker placed it. */
  readonly bibliography: Element | undefined
  /** Bibliography files read, carrying their messages (and the manuscript folder's, for a book without book.yaml). */
  readonly files: readonly VFile[]
}

/**
 * Render the citations of the whole book with one citeproc engine: parse each
 * chapter (in reading order), render every cluster in one pass so ibid., short
 * forms and numbers run across chapters, and replace the citations in the
 * chapters' mdast in place — inline spans for in-text styles, footnotes for
 * note styles. The bibliography goes where the manuscript placed
 * `<div id="refs"></div>`, or is returned for the end of the book.
 */
export async function citeBook(chapters: readonly MdastChapter[], book: ResolvedBook): Promise<CitedBook> {
  const references = await timeStep('citations: read the bibliography', () => loadReferences(book))
  const collected = new Map<Root, CitationNode[]>()
  const processor = unified().use(timedPlugin(remarkCitations, 'citations: find the cites'), { references, inText: book.bibliography.length > 0, collected })
  for (const chapter of chapters) await processor.run(chapter.mdast, chapter.file)
  const files = [...references.files, ...(book.configFile ? [] : [bookFile(book)])]
  const nocite = nociteKeys(book, references)
  const known = (node: CitationNode) => node.items.some((item) => references.byKey.has(item.key))
  const anyKnown = chapters.some((chapter) => collected.get(chapter.mdast)?.some(known))
  if (!anyKnown && nocite.length === 0) {
    for (const chapter of chapters) for (const node of collected.get(chapter.mdast) ?? []) renderUnknown(node, keysOf(node))
    reportUnused(references, new Set())
    return { bibliography: undefined, files }
  }
  const style = await timeStep('citations: load the CSL style', () => loadCslStyle(book))
  const registry = timeStep('citations: start citeproc', () => createCitationRegistry(references, style))
  const occurrences = orderCitations(
    chapters.map((chapter) => chapter.mdast),
    (node) => registry.style.isNoteStyle && known(node),
  )
  placeCitations(occurrences, chapters, registry, nocite, book)
  const cited = new Set([...occurrences.flatMap((occurrence) => occurrence.node.items.map((item) => item.key)), ...nocite])
  reportUnused(references, cited)
  const rendered = timeStep('citations: render the bibliography', () => registry.bibliography())
  if (!rendered || rendered.entries.length === 0) return { bibliography: undefined, files }
  const marker = findMarker(chapters)
  if (marker) {
    const element = bibliographyElement(rendered, undefined)
    // A node remark-rehype turns into `element` (unknown types become their `data.h*`).
    const node = { type: 'bibliography', children: [], data: { hName: element.tagName, hProperties: element.properties, hChildren: element.children } }
    if (marker.node.position) Object.assign(node, { position: marker.node.position })
    marker.parent.children.splice(marker.parent.children.indexOf(marker.node), 1, node as unknown as RootContent)
    return { bibliography: undefined, files }
  }
  return { bibliography: bibliographyElement(rendered, bibliographyHeading(book.lang, registry.style.isNoteStyle)), files }
}

/** Render every citation through the registry and put the result into the mdast. */
function placeCitations(
  occurrences: readonly CitationOccurrence[],
  chapters: readonly MdastChapter[],
  registry: CitationRegistry,
  nocite: readonly string[],
  book: ResolvedBook,
) {
  const { style, references } = registry
  const terms = locatorTerms(style.locale.xml)
  const clusters: ClusterRequest[] = []
  // Per occurrence: the index of its main cluster and of its author-only cluster.
  const plans = occurrences.map((occurrence) => {
    const known = occurrence.node.items.filter((item) => references.byKey.has(item.key))
    const requests = known.map((item) => citeRequest(item, terms))
    const split = occurrence.node.mode === 'author-in-text' && !(style.isNoteStyle && occurrence.inFootnote) && requests.length > 0
    // The names alone, as running text (note 0) without locator: citeproc then still sees the
    // following note as the next cite of the work (ibid., short form) as pandoc does.
    const names = requests.map((request) => ({ ...request, prefix: '', suffix: '', locator: undefined, label: undefined }))
    const authorAt = split ? clusters.push({ items: names, noteIndex: 0, authorOnly: true }) - 1 : undefined
    const items = split ? requests.map((request) => ({ ...request, suppressAuthor: true })) : requests
    const mainAt = requests.length > 0 ? clusters.push({ items, noteIndex: occurrence.noteIndex, authorOnly: false }) - 1 : undefined
    return { occurrence, known: known.map((item) => item.key), authorAt, mainAt }
  })
  const output = timeStep('citations: render the clusters', () => renderOrFail(registry, clusters, nocite, book))
  const noteIds = footnoteIds(chapters)
  for (const { occurrence, known, authorAt, mainAt } of plans) {
    const { node, parent } = occurrence
    const unknown = keysOf(node).filter((key) => !references.byKey.has(key))
    if (mainAt === undefined) {
      renderUnknown(node, unknown)
      continue
    }
    const author = authorAt === undefined ? undefined : authorContent(output[authorAt] ?? [], known[0]!, registry)
    let main = output[mainAt] ?? []
    if (main.length === 0 && author && style.isNoteStyle) main = registry.renderSubsequent(clusters[mainAt]!)
    if (main.length === 0) {
      // Nothing to put in a note or parentheses: keep what the text shows.
      if (!author) reportEmpty(chapters[occurrence.chapterIndex]!.file, node, style.title)
      renderInline(node, known, author ?? [])
    } else if (style.isNoteStyle && !occurrence.inFootnote) {
      const root = chapters[occurrence.chapterIndex]!.mdast
      renderAsNote({ node, parent, root, keys: known, identifier: noteIds(occurrence.chapterIndex), note: main, author })
    } else if (style.isNoteStyle) {
      renderInline(node, known, node.mode === 'normal' ? parenthesize(main) : main)
    } else {
      renderInline(node, known, author ? joinWithSpace(author, main) : main)
    }
    if (unknown.length > 0) appendUnknown(parent, node, unknown)
  }
}

/** citeproc-js throws on data it cannot format (a malformed CSL-JSON field): a message, not a stack trace. */
function renderOrFail(registry: CitationRegistry, clusters: readonly ClusterRequest[], nocite: readonly string[], book: ResolvedBook) {
  try {
    return registry.render(clusters, nocite)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return failFile(bookFile(book), `The citation engine could not format the citations (${reason}); check the cited bibliography entries`, 'citation-engine')
  }
}

function reportEmpty(file: VFile, node: CitationNode, styleTitle: string) {
  const keys = keysOf(node).map((key) => `@${key}`)
  file.message(`${keys.join('; ')} prints nothing here in ${styleTitle}: the style shows no more than what the citation suppresses; add a page or drop the \`-\``, {
    ...(node.position ? { place: node.position } : {}),
    ruleId: 'empty-citation',
    source: 'samizdat',
  })
}

const keysOf = (node: CitationNode): string[] => [...new Set(node.items.map((item) => item.key))]

function authorContent(content: ElementContent[], key: string, registry: CitationRegistry): ElementContent[] {
  // The registry returns nothing for a cite without printed form (numeric styles print no names).
  if (content.length > 0) return content
  const reference = registry.references.byKey.get(key)
  const names = reference ? fallbackAuthor(reference.item, registry.style.locale.xml) : ''
  return names ? [{ type: 'text', value: names }] : []
}

/** Footnote identifiers for citation notes, `cite-1`…, numbered across the book and never one the chapter already uses. */
function footnoteIds(chapters: readonly MdastChapter[]): (chapterIndex: number) => string {
  const used = chapters.map((chapter) => {
    const ids = new Set<string>()
    visit(chapter.mdast, (node) => {
      if (node.type === 'footnoteReference' || node.type === 'footnoteDefinition') ids.add(node.identifier.toUpperCase())
    })
    return ids
  })
  let counter = 0
  return (chapterIndex) => {
    do counter += 1
    while (used[chapterIndex]?.has(`CITE-${counter}`))
    return `cite-${counter}`
  }
}

function findMarker(chapters: readonly MdastChapter[]): { node: Html; parent: Parent } | undefined {
  for (const chapter of chapters) {
    let found: { node: Html; parent: Parent } | undefined
    visit(chapter.mdast, 'html', (node, _, parent) => {
      if (!found && parent && isBibliographyMarker(node.value)) found = { node, parent }
    })
    if (found) return found
  }
  return undefined
}

/** `nocite` keys from book.yaml (`'*'` = every work); unknown ones are reported there. */
function nociteKeys(book: ResolvedBook, references: References): string[] {
  const keys = book.nocite.map((key) => key.replace(/^@/, ''))
  if (keys.includes('*')) return [...references.byKey.keys()]
  return keys.filter((key) => {
    if (references.byKey.has(key)) return true
    const guess = nearestKey(key, references.byKey.keys())
    bookFile(book).message(`Unknown citation key \`${key}\` in \`nocite\`${guess ? `; did you mean \`${guess}\`?` : ''}`, {
      place: bookYamlPlace(book, 'nocite', key),
      ruleId: 'unknown-citation-key',
      source: 'samizdat',
    })
    return false
  })
}

const unusedListed = 20

/** Works in the bibliography that the book never cites (info; a shared .bib may hold many). */
function reportUnused(references: References, cited: ReadonlySet<string>) {
  const unused = [...references.byKey.values()].filter((reference) => !cited.has(reference.key))
  for (const reference of unused.slice(0, unusedListed)) {
    reference.file.info(`\`@${reference.key}\` is never cited, so it is not in the bibliography (list it under \`nocite\` in book.yaml to include it)`, {
      ...(reference.place ? { place: reference.place } : {}),
      ruleId: 'unused-reference',
      source: 'samizdat',
    })
  }
  const more = unused.slice(unusedListed)
  if (more.length > 0) {
    more[0]!.file.info(`${more.length} more entries are never cited: ${more.map((reference) => `\`@${reference.key}\``).join(', ')}`, {
      ruleId: 'unused-reference',
      source: 'samizdat',
    })
  }
}
