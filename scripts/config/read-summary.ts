import { existsSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Link, List, ListItem, RootContent } from 'mdast'
import { toString as mdastToString } from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'

/** One chapter file as mdBook's `SUMMARY.md` lists it. */
export interface OutlineEntry {
  /** The title SUMMARY gives it (`[Title](file.md)`). */
  readonly title: string
  /** 0 for a chapter, 1 for a section of it, … */
  readonly depth: number
  /** Whether mdBook numbers it (list entries are numbered; prefix and suffix chapters are not). */
  readonly numbered: boolean
}

/** A book's outline from its `SUMMARY.md`: the chapter files in order, each with its entry. */
export interface Outline {
  readonly file: VFile
  readonly entries: ReadonlyMap<string, OutlineEntry>
}

/**
 * Read an mdBook `SUMMARY.md` (https://rust-lang.github.io/mdBook/format/summary.html):
 * prefix chapters, then nested lists of numbered chapters, then suffix
 * chapters, each a link to a file. Draft chapters (`[Title]()`), separators
 * (`---`) and part titles (`# Part`) are not files and are passed over. A
 * listed file that does not exist is reported at its line. Undefined when
 * the folder has no `SUMMARY.md`, or one that links to no file.
 */
export async function readSummary(root: string): Promise<Outline | undefined> {
  const summaryPath = path.join(root, 'SUMMARY.md')
  if (!existsSync(summaryPath)) return undefined
  const file = new VFile({ path: summaryPath, value: await readFile(summaryPath, 'utf8') })
  const tree = unified().use(remarkParse).parse(file)
  const entries = new Map<string, OutlineEntry>()
  let seenList = false
  const add = (link: Link, depth: number, numbered: boolean) => {
    if (link.url === '') return
    const target = path.resolve(root, decodeSafely(link.url.replace(/#.*$/, '')))
    if (!existsSync(target) || !statSync(target).isFile()) {
      file.message(`SUMMARY.md lists \`${link.url}\`, which is not a file of the book: fix the link, or make it a draft chapter with \`[${mdastToString(link)}]()\``, {
        place: link.position,
        ruleId: 'summary-missing-file',
        source: 'samizdat',
      })
      return
    }
    if (!entries.has(target)) entries.set(target, { title: mdastToString(link).trim(), depth, numbered })
  }
  const walkList = (list: List, depth: number) => {
    for (const item of list.children) walkItem(item, depth)
  }
  const walkItem = (item: ListItem, depth: number) => {
    for (const child of item.children) {
      if (child.type === 'paragraph') for (const link of links(child)) add(link, depth, true)
      if (child.type === 'list') walkList(child, depth + 1)
    }
  }
  for (const node of tree.children) {
    if (node.type === 'list') {
      seenList = true
      walkList(node, 0)
    } else if (node.type === 'paragraph') {
      for (const link of links(node)) add(link, 0, false)
    }
  }
  return entries.size > 0 || seenList ? { file, entries } : undefined
}

function links(node: RootContent): Link[] {
  if (node.type === 'link') return [node]
  return 'children' in node ? node.children.flatMap((child) => links(child as RootContent)) : []
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
