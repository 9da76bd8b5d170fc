import type { ElementContent, Properties, Root as HastRoot } from 'hast'
import { toXast } from 'hast-util-to-xast'
import { h } from 'hastscript'
import type { Root as XastRoot } from 'xast'
import { toXml } from 'xast-util-to-xml'

/** What an XHTML content document of the EPUB holds. */
export interface XhtmlDocumentOptions {
  readonly lang: string
  readonly title: string
  /** Stylesheet hrefs, relative to the document. */
  readonly stylesheets: readonly string[]
  readonly body: readonly ElementContent[]
  /** Attributes of `body` (`epub:type`, a class). */
  readonly bodyProperties?: Properties
}

const epubNamespace = 'http://www.idpf.org/2007/ops'

/**
 * An EPUB XHTML content document, built as hast and serialised as XML
 * through xast (https://www.w3.org/TR/epub-33/#sec-xhtml): hast-util-to-html
 * cannot make well-formed XML (it writes boolean attributes bare, as in
 * `<input disabled>`), hast-util-to-xast writes `disabled=""` and the
 * namespaces.
 */
export function xhtmlDocument(options: XhtmlDocumentOptions): string {
  const tree: HastRoot = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { 'xmlns:epub': epubNamespace, lang: options.lang, xmlLang: options.lang }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('title', options.title),
          ...options.stylesheets.map((href) => h('link', { rel: 'stylesheet', type: 'text/css', href })),
        ]),
        h('body', options.bodyProperties ?? {}, [...options.body]),
      ]),
    ],
  }
  return serializeXhtml(tree)
}

/** Serialise a hast tree as XML, with the XML declaration. */
export function serializeXhtml(tree: HastRoot): string {
  const xast = toXast(tree) as XastRoot
  xast.children.unshift({ type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"' }, { type: 'text', value: '\n' })
  return `${toXml(xast, { closeEmptyElements: true })}\n`
}
