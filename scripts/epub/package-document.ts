import type { Element, Root, Text } from 'xast'
import { toXml } from 'xast-util-to-xml'
import { x } from 'xastscript'
import type { ResolvedBook } from '../config/resolve-book.ts'

/** A publication resource (https://www.w3.org/TR/epub-33/#sec-item-elem). */
export interface ManifestItem {
  readonly id: string
  readonly href: string
  readonly mediaType: string
  readonly properties?: readonly string[]
}

/** A document in reading order. */
export interface SpineItem {
  readonly idref: string
  /** Off the main reading path (the cover can be left out of page turning). */
  readonly linear?: boolean
}

/** A `meta` property and its value (accessibility, page source), and the value's language when it is not the book's. */
export type MetaProperty = readonly [property: string, value: string, lang?: string]

/** What the package document describes. */
export interface PackageOptions {
  readonly book: Pick<ResolvedBook, 'title' | 'subtitle' | 'authors' | 'editors' | 'lang' | 'date' | 'publisher' | 'rights' | 'description' | 'keywords' | 'source' | 'licence'>
  readonly identifier: string
  /** `dcterms:modified`, `CCYY-MM-DDThh:mm:ssZ`. */
  readonly modified: string
  readonly manifest: readonly ManifestItem[]
  readonly spine: readonly SpineItem[]
  /** Further `meta` properties, in order (accessibility metadata). */
  readonly meta: readonly MetaProperty[]
  /** Languages of the text besides the book's own (`lang` attributes in the chapters), in the order met. */
  readonly otherLanguages?: readonly string[]
  /**
   * The print edition the page-list follows. EPUBCheck 4.2.6 does not know
   * the newer `pageBreakSource` property, so this is the EPUB 3.2 way: a
   * `dc:source` refined as the `source-of` pagination
   * (https://kb.daisy.org/publishing/docs/navigation/pagesrc.html).
   */
  readonly pageSource?: string
  /** Manifest id of the cover image, for reading systems that read EPUB 2's `meta name="cover"`. */
  readonly coverImageId?: string
}

/** Where the package document sits in the container. */
export const packagePath = 'EPUB/package.opf'

/**
 * The package document (https://www.w3.org/TR/epub-33/#sec-package-doc),
 * built as an xast tree and serialised once.
 */
export function packageDocument(options: PackageOptions): string {
  const { book } = options
  const metadata = x('metadata', { 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' }, [
    x('dc:identifier', { id: 'book-id' }, options.identifier),
    x('dc:title', { id: 'title' }, book.title),
    x('meta', { refines: '#title', property: 'title-type' }, 'main'),
    ...(book.subtitle ? [x('dc:title', { id: 'subtitle' }, book.subtitle), x('meta', { refines: '#subtitle', property: 'title-type' }, 'subtitle')] : []),
    ...people('dc:creator', 'creator', 'aut', book.authors),
    ...people('dc:contributor', 'editor', 'edt', book.editors),
    x('dc:language', book.lang),
    ...(options.otherLanguages ?? []).map((lang) => x('dc:language', lang)),
    x('dc:date', book.date ?? options.modified.slice(0, 10)),
    ...(book.publisher ? [x('dc:publisher', book.publisher)] : []),
    ...(book.rights ? [x('dc:rights', book.rights)] : []),
    ...(book.licence?.url ? [x('meta', { property: 'dcterms:license' }, book.licence.url)] : []),
    ...(book.description ? [x('dc:description', book.description)] : []),
    ...book.keywords.map((keyword) => x('dc:subject', keyword)),
    ...(book.source ? [x('dc:source', book.source.url)] : []),
    ...(options.pageSource ? [x('dc:source', { id: 'page-source' }, options.pageSource), x('meta', { refines: '#page-source', property: 'source-of' }, 'pagination')] : []),
    x('meta', { property: 'dcterms:modified' }, options.modified),
    ...options.meta.map(([property, value, lang]) => x('meta', { property, ...(lang ? { 'xml:lang': lang } : {}) }, value)),
    ...(options.coverImageId ? [x('meta', { name: 'cover', content: options.coverImageId })] : []),
  ])
  const manifest = x(
    'manifest',
    options.manifest.map((item) =>
      x('item', { id: item.id, href: item.href, 'media-type': item.mediaType, ...(item.properties?.length ? { properties: item.properties.join(' ') } : {}) }),
    ),
  )
  const spine = x(
    'spine',
    options.spine.map((item) => x('itemref', { idref: item.idref, ...(item.linear === false ? { linear: 'no' } : {}) })),
  )
  const tree = x(null, [
    x('package', { xmlns: 'http://www.idpf.org/2007/opf', version: '3.0', 'unique-identifier': 'book-id', 'xml:lang': book.lang }, [metadata, manifest, spine]),
  ])
  return xmlDocument(tree)
}

/** `META-INF/container.xml`: where the package document is (https://www.w3.org/TR/epub-33/#sec-container-metainf-container.xml). */
export function containerXml(): string {
  return xmlDocument(
    x(null, [
      x('container', { version: '1.0', xmlns: 'urn:oasis:names:tc:opendocument:xmlns:container' }, [
        x('rootfiles', [x('rootfile', { 'full-path': packagePath, 'media-type': 'application/oebps-package+xml' })]),
      ]),
    ]),
  )
}

/** Creators or contributors, each with its MARC relator role. */
function people(element: string, idPrefix: string, role: string, names: readonly string[]): Element[] {
  return names.flatMap((name, index) => {
    const id = `${idPrefix}-${index + 1}`
    return [x(element, { id }, name), x('meta', { refines: `#${id}`, property: 'role', scheme: 'marc:relators' }, role)]
  })
}

function xmlDocument(tree: Root): string {
  tree.children.unshift({ type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"' }, { type: 'text', value: '\n' })
  indent(tree, 0)
  return `${toXml(tree, { closeEmptyElements: true })}\n`
}

/** Line breaks and two-space indents between elements, so a person can read the file. */
function indent(node: Root | Element, depth: number): void {
  const elements: Element[] = []
  for (const child of node.children) if (child.type === 'element') elements.push(child)
  if (node.type === 'element' && elements.length === node.children.length && elements.length > 0) {
    const pad = (level: number): Text => ({ type: 'text', value: `\n${'  '.repeat(level)}` })
    node.children = [...elements.flatMap((child) => [pad(depth + 1), child]), pad(depth)]
  }
  for (const child of elements) indent(child, node.type === 'root' ? depth : depth + 1)
}
