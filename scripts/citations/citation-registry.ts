import { type CiteprocCitation, type CiteprocCiteItem, type CiteprocEngine, plugins } from '@citation-js/core'
import '@citation-js/plugin-csl'
import type { Element, ElementContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { citeEnd, citeStart, linkCitationNumbers, linkMarkedCites, linkWhole, stripMarkers } from './link-cites.ts'
import type { CslStyle } from './load-csl-style.ts'
import { rebuildCitations } from './rebuild-citations.ts'
import { citationsKey, type RenderedCitations, readRenderedCitations, writeRenderedCitations } from './citation-cache.ts'
import type { References } from './load-references.ts'

/** One cite to render: citeproc's rich-text prefix and suffix (`<i>…</i>` allowed). */
export interface CiteRequest {
  readonly key: string
  readonly prefix: string
  readonly suffix: string
  readonly locator: string | undefined
  readonly label: string | undefined
  readonly suppressAuthor: boolean
}

/** One citation cluster to render, in the book's reading order. */
export interface ClusterRequest {
  readonly items: readonly CiteRequest[]
  /** The footnote the cluster sits in (or becomes), numbered across the book; 0 in running text of in-text styles. */
  readonly noteIndex: number
  /** Only the author names (`Daniels` of `Daniels (1960, 3)`); not counted for ibid. */
  readonly authorOnly: boolean
  /** Two cites share their first author, so a style that collapses years may collapse them (see `sharesAuthor`). */
  readonly collapsible?: boolean
}

/** A cluster a year-collapsing style may collapse: two cites share an author and none has an affix (pandoc does not collapse those). */
const collapsible = (references: References, cluster: ClusterRequest): boolean =>
  cluster.items.every((item) => item.prefix === '' && item.suffix === '') &&
  sharesAuthor(
    references,
    cluster.items.map((item) => item.key),
  )

/** Whether two of the works share their first author or editor (what a style's `collapse="year"` joins). */
export function sharesAuthor(references: References, keys: readonly string[]): boolean {
  const names = keys.map((key) => {
    const item = references.byKey.get(key)?.item
    const first = ((item?.['author'] ?? item?.['editor']) as Array<{ family?: string; literal?: string }> | undefined)?.[0]
    return first ? `${first.family ?? ''}|${first.literal ?? ''}` : undefined
  })
  return names.some((name, at) => name !== undefined && names.indexOf(name) !== at)
}

/** The formatted bibliography: `div.csl-entry#ref-KEY` per work. */
export interface RenderedBibliography {
  readonly entries: readonly Element[]
  readonly hangingIndent: boolean
}

/** The book's one citeproc engine: every citation of every chapter goes through it, in order. */
export interface CitationRegistry {
  readonly style: CslStyle
  readonly references: References
  /**
   * Render all clusters of the book at once (citeproc revises earlier cites
   * for disambiguation), as hast with links to entries; a cluster the style
   * cannot print (no author, no page to show) comes back empty.
   */
  render(clusters: readonly ClusterRequest[], nocite: readonly string[]): ElementContent[][]
  /**
   * One cluster again in its subsequent (short) form, outside the book's
   * sequence: for `@key` in running text where the ibid. form with the author
   * suppressed would leave an empty note (pandoc prints the short form).
   */
  renderSubsequent(cluster: ClusterRequest): ElementContent[]
  /** The bibliography of the works cited in the last `render`, plus the nocite ones; undefined when the style has none. */
  bibliography(): RenderedBibliography | undefined
}

/**
 * Create the book's citation registry: register the style and locale with
 * citation-js and fetch its citeproc engine (`@csl` plugin's `engine`) for
 * every reference of the book.
 */
export function createCitationRegistry(references: References, style: CslStyle): CitationRegistry {
  const csl = plugins.config.get('@csl')
  csl.styles.set(style.id, style.xml)
  csl.locales.set(style.locale.lang, style.locale.xml)
  const items = [...references.byKey.values()].map((reference) => reference.item)
  // Started when first needed: a render found in the cache needs no citeproc.
  let started: CiteprocEngine | undefined
  const engine = () => {
    if (started) return started
    // citation-js caches one engine per style and locale and resets its items here.
    started = csl.engine(items, style.id, style.locale.lang, 'html')
    // Pandoc links URLs and DOIs in bibliography entries; citation-js turns that off.
    started.opt.development_extensions['wrap_url_and_doi'] = true
    return started
  }
  // The last render: from citeproc, or from the cache (then citeproc has not seen the citations yet).
  let last: { rendered: RenderedCitations; citations: CiteprocCitation[]; nocite: readonly string[]; inEngine: boolean } | undefined
  const seqOf = (key: string) => (last?.inEngine === false ? last.rendered.seqs[key] : engine().registry.registry[key]?.seq)
  return {
    style,
    references,
    render: (requests, nocite) => {
      const clusters = requests.map((cluster) => ({ ...cluster, collapsible: collapsible(references, cluster) }))
      const citations = toCitations(style, clusters)
      const key = citationsKey(style, items, citations, nocite)
      const cached = readRenderedCitations(key)
      last = { rendered: cached ?? renderInEngine(engine(), citations, nocite), citations, nocite, inEngine: !cached }
      if (!cached) writeRenderedCitations(key, last.rendered)
      const { outputs } = last.rendered
      return clusters.map((cluster, index) => toHast(seqOf, style, outputs[index] ?? '', cluster))
    },
    renderSubsequent: (request) => {
      const cluster = { ...request, collapsible: collapsible(references, request) }
      // Outside the book's sequence, but against its registry (disambiguation): a cached render puts the citations into citeproc first.
      if (last && !last.inEngine) {
        rebuildCitations(engine(), last.citations, last.nocite)
        last.inEngine = true
      }
      // citeproc-js takes a forced position on items given to makeCitationCluster (1 = subsequent).
      const items = citeItems(style, cluster).map((item) => ({ ...item, position: 1 }))
      return toHast(seqOf, style, engine().makeCitationCluster(items), cluster)
    },
    bibliography: () => bibliographyOf(last ? last.rendered.bibliography : (engine().makeBibliography() as RenderedCitations['bibliography'])),
  }
}

/** Render the citations in citeproc, with the bibliography and numbers as they stand right after. */
function renderInEngine(engine: CiteprocEngine, citations: readonly CiteprocCitation[], nocite: readonly string[]): RenderedCitations {
  const outputs = rebuildCitations(engine, citations, nocite)
  const bibliography = (engine.makeBibliography() || false) as RenderedCitations['bibliography']
  const seqs: Record<string, number> = {}
  for (const [key, entry] of Object.entries(engine.registry.registry)) if (typeof entry?.seq === 'number') seqs[key] = entry.seq
  return { outputs, bibliography, seqs }
}

/**
 * Whether a cluster's cites get link markers. Not with collapsed numbers
 * (`[1–3]`), nor where the style collapses years (`Smith 2000a–e`) and two cites share an author, nor with author suppression, whose rendering citeproc-js changes
 * when a cite has a prefix (ibid. loses its locator).
 */
const marked = (style: CslStyle, cluster: ClusterRequest) =>
  !style.collapsesNumbers && !(style.collapses && cluster.collapsible) && !cluster.authorOnly && cluster.items.every((item) => !item.suppressAuthor)

function toCitations(style: CslStyle, clusters: readonly ClusterRequest[]): CiteprocCitation[] {
  return clusters.map((cluster, index) => ({
    citationID: `samizdat-${index + 1}`,
    citationItems: citeItems(style, cluster),
    properties: {
      noteIndex: cluster.noteIndex,
      ...(cluster.authorOnly ? { mode: 'author-only' as const } : {}),
      // Pandoc keeps the written order of a cluster when any cite has a prefix (`[see @b; also @a]`).
      ...(cluster.items.some((item) => item.prefix !== '') ? { unsorted: true } : {}),
    },
  }))
}

/** citeproc's HTML for one cluster as hast, each cite linked to its entry. */
function toHast(seqOf: (key: string) => number | undefined, style: CslStyle, output: string, cluster: ClusterRequest): ElementContent[] {
  const html = output
    .replace('[NO_PRINTED_FORM]', '')
    // citeproc merges punctuation across a cite's end (`Ibid.` + `.`), and moves it into closing
    // quotes where the locale says so (US English), but cannot see through an end marker.
    .replace(/([.?!])((?:<\/[a-z]+>)*)\ue001((?:<\/?[a-z][^>]*>)*)\./g, '$1$2\ue001$3')
    .replace(/”((?:<\/[a-z]+>)*)\ue001((?:<\/?[a-z][^>]*>)*)([.,])/g, (all, close: string, open: string, mark: string) =>
      /punctuation-in-quote="true"/.test(style.locale.xml) ? `${mark}”${close}\ue001${open}` : all,
    )
  // With the markers in place citeproc does not see an empty cite (MLA's `[-@key]` with no page), so check.
  if (!/[\p{L}\p{N}]/u.test(stripMarkers(html).replace(/<[^>]*>/g, ''))) return []
  const nodes = fromHtml(html, { fragment: true }).children as ElementContent[]
  const keys = cluster.items.map((item) => item.key)
  if (marked(style, cluster)) return linkMarkedCites(nodes, keys)
  if (cluster.authorOnly) return nodes
  if (!style.collapsesNumbers) return keys.length === 1 ? linkWhole(nodes, keys[0]!, style.citationAffixes) : nodes
  const numbers = new Map<number, string>()
  for (const key of keys) {
    const seq = seqOf(key)
    if (seq !== undefined) numbers.set(seq, key)
  }
  return linkCitationNumbers(nodes, numbers)
}

function citeItem(item: CiteRequest, markIndex: number | undefined): CiteprocCiteItem {
  let prefix = item.prefix
  let suffix = item.suffix
  if (markIndex !== undefined) {
    // citeproc spaces affixes from their own ends; with markers there, space them here.
    if (prefix !== '' && !/[\s([{“‘"']$/.test(prefix)) prefix += ' '
    if (suffix !== '' && !/^[\s,.;:!?)\]}”’]/.test(suffix)) suffix = ` ${suffix}`
    prefix += citeStart(markIndex)
    suffix = citeEnd + suffix
  }
  return {
    id: item.key,
    ...(prefix ? { prefix } : {}),
    ...(suffix ? { suffix } : {}),
    ...(item.locator !== undefined ? { locator: item.locator, label: item.label ?? 'page' } : {}),
    ...(item.suppressAuthor ? { 'suppress-author': true } : {}),
  }
}

function bibliographyOf(result: RenderedCitations['bibliography']): RenderedBibliography | undefined {
  if (!result) return undefined
  const [params, strings] = result
  const entries = strings.flatMap((html, index) => {
    const key = params.entry_ids[index]?.[0]
    const entry = fromHtml(html.trim(), { fragment: true }).children.find((node): node is Element => node.type === 'element')
    if (!entry || key === undefined) return []
    entry.properties = { ...entry.properties, id: `ref-${key}` }
    return [entry]
  })
  return { entries, hangingIndent: Boolean(params.hangingindent) }
}

/** A cluster's cites for citeproc, with link markers where {@link marked}. */
function citeItems(style: CslStyle, cluster: ClusterRequest): CiteprocCiteItem[] {
  if (!marked(style, cluster)) return cluster.items.map((item) => citeItem(item, undefined))
  const requests = cluster.items.map((item) => ({ ...item }))
  for (let at = 1; at < requests.length; at += 1) {
    // citeproc drops the delimiter before a prefix that starts with `,` `.` `;` (`[@a; , and @b]`) only
    // when the cite before has no suffix, and a marker is one: the mark goes to that suffix instead,
    // which citeproc treats alike (https://citeproc-js.readthedocs.io/en/latest/running.html).
    const previous = requests[at - 1]!
    const request = requests[at]!
    const mark = /^[,.;]/.exec(request.prefix)?.[0]
    if (mark && previous.suffix === '') requests[at - 1] = { ...previous, suffix: mark }
    if (mark && previous.suffix === '') requests[at] = { ...request, prefix: request.prefix.slice(1).trimStart() }
  }
  return requests.map((item, at) => citeItem(item, at))
}
