import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { h } from 'hastscript'

/**
 * Add `<script src>` elements to the end of a page's `<head>` (the live-reload
 * client, Paged.js), working on the parsed page rather than on its text.
 */
export function injectPreviewScripts(html: string, sources: readonly string[]): string {
  const tree: Root = fromHtml(html)
  const root = tree.children.find((node): node is Element => node.type === 'element' && node.tagName === 'html')
  const head = root?.children.find((node): node is Element => node.type === 'element' && node.tagName === 'head')
  // fromHtml always makes <html> and <head>; the guard keeps the types honest.
  head?.children.push(...sources.map((src) => h('script', { src })))
  return toHtml(tree)
}
