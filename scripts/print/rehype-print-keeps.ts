import type { Element, Root } from 'hast'
import { toString as hastText } from 'hast-util-to-string'
import type { Plugin } from 'unified'
import { eachElement } from '../lib/each-element.ts'

/** Tables with fewer body rows than this are never split over pages. */
export const shortTableRows = 6
/** A cell of at most this many words is short: kept on one line and never hyphenated ("1 week"). */
export const shortCellWords = 2

// What a lead-in introduces: the block that follows it.
const introduced = new Set(['ul', 'ol', 'dl', 'blockquote', 'pre', 'table', 'figure', 'div'])

/**
 * Keeps for the print layout, as classes print.css gives their `break-*`:
 * a paragraph ending in ":" before a list, quotation, table or figure is a
 * `lead-in` kept with it; a table of fewer than {@link shortTableRows} rows is
 * `keep-whole`; a cell of at most {@link shortCellWords} words is
 * `short-cell`, kept on one line (rehype-hyphenate leaves it, and every
 * header cell, whole).
 */
const rehypePrintKeeps: Plugin<[], Root> = () => (tree) => {
  markLeadIns(tree)
  eachElement(tree, (node) => {
    if (node.tagName === 'table' && bodyRows(node) < shortTableRows) addClass(node, 'keep-whole')
    if ((node.tagName === 'td' || node.tagName === 'th') && words(node) <= shortCellWords) addClass(node, 'short-cell')
    markLeadIns(node)
    return undefined
  })
}

function markLeadIns(parent: Root | Element): void {
  const children = parent.children
  for (let index = 0; index < children.length; index++) {
    const child = children[index]
    if (child?.type !== 'element' || child.tagName !== 'p' || !/:\s*$/.test(hastText(child))) continue
    const next = children.slice(index + 1).find((sibling) => sibling.type === 'element' || (sibling.type === 'text' && sibling.value.trim() !== ''))
    if (next?.type === 'element' && introduced.has(next.tagName)) addClass(child, 'lead-in')
  }
}

function bodyRows(table: Element): number {
  let rows = 0
  eachElement(table, (node) => {
    if (node.tagName === 'tr' && !node.children.every((cell) => cell.type !== 'element' || cell.tagName === 'th')) rows++
    return undefined
  })
  return rows
}

function words(cell: Element): number {
  return hastText(cell).trim().split(/\s+/).filter(Boolean).length
}

function addClass(node: Element, name: string): void {
  const current = node.properties['className'] as unknown
  const list = Array.isArray(current) ? current.map(String) : typeof current === 'string' ? current.split(/\s+/) : []
  if (!list.includes(name)) node.properties['className'] = [...list, name]
}

export default rehypePrintKeeps
