import type { Element, Root } from 'hast'
import { toString as hastText } from 'hast-util-to-string'
import type { Position } from 'unist'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import type { BookTree } from '../lib/book-model.ts'
import type { RefusedConnection } from './browser/refuse-side-doors.ts'

/** What the print layout's browser refused: requests outside the book, and connections outside the request path. */
export interface Refusals {
  readonly blockedRequests: readonly string[]
  readonly refused: readonly RefusedConnection[]
}

/**
 * Report every refusal as a warning, at its place in the manuscript when the
 * URL is written there (an attribute of raw HTML, a script's or a style's
 * text), else on `book.pdf`: the writer learns which element of which chapter
 * reached out, and that it was not let through. `who` names the page that
 * asked: the print edition, or the cover.
 */
export function reportRefused(tree: BookTree, file: VFile, refusals: Refusals, who = 'The print edition'): void {
  const places = placesOfUrls(tree)
  for (const url of refusals.blockedRequests) {
    const where = places(url)
    const reason = `${who} asked for \`${url}\`, which is not a file of the book; it was not loaded`
    ;(where?.file ?? file).message(reason, { ...(where ? { place: where.place } : {}), ruleId: 'blocked-request', source: 'samizdat' })
  }
  for (const { what, url } of refusals.refused) {
    const where = places(url)
    const reason = `${who} tried to reach \`${url}\` by ${what}: refused, a book is laid out with no network at all`
    ;(where?.file ?? file).message(reason, { ...(where ? { place: where.place } : {}), ruleId: 'refused-connection', source: 'samizdat' })
  }
}

interface Written {
  readonly file: VFile
  readonly place: Position
  readonly text: string
}

/** Where a URL is written in the book's raw HTML: the first element whose attributes or script/style text hold it. */
function placesOfUrls(tree: BookTree): (url: string) => { file: VFile; place: Position } | undefined {
  let written: Written[] | undefined
  return (url) => {
    written ??= tree.chapters.flatMap((chapter) => urlCarriers(chapter.hast).map((found) => ({ ...found, file: chapter.file })))
    // As the browser wrote it, then without its scheme (`//host/path`, or a URL a script put together).
    const { host, pathname } = safeUrl(url) ?? {}
    const forms = [url, host && pathname && pathname !== '/' ? `${host}${pathname}` : undefined]
    for (const form of forms) {
      const match = form ? written.find((entry) => entry.text.includes(form)) : undefined
      if (match) return { file: match.file, place: match.place }
    }
    return undefined
  }
}

function urlCarriers(tree: Root): Omit<Written, 'file'>[] {
  const found: Omit<Written, 'file'>[] = []
  visit(tree, 'element', (node: Element) => {
    if (!node.position) return
    const values = Object.values(node.properties).flatMap((value) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []))
    if (node.tagName === 'script' || node.tagName === 'style') values.push(hastText(node))
    found.push({ place: node.position, text: values.join('\n') })
  })
  return found
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}
