import path from 'node:path'
import type { Element, Root } from 'hast'
import { type Plugin, unified } from 'unified'
import type { VFile } from 'vfile'
import type { HastChapter } from '../lib/book-model.ts'
import { nearestKey } from '../diagnostics/nearest-key.ts'
import { eachElement } from '../lib/each-element.ts'

/** A chapter file as a link target. */
export interface LinkTarget {
  /** The chapter's file, absolute. */
  readonly path: string
  /** The id a link to the file itself goes to (its title heading, or its first id). */
  readonly startId: string
  /** Ids as the file alone would give them (what other files write after `#`) → their id in the book. */
  readonly localIds: ReadonlyMap<string, string>
  /** Every id the chapter holds in the book. */
  readonly ids: ReadonlySet<string>
}

/** Options for {@link rehypeChapterLinks}. */
export interface ChapterLinkOptions {
  readonly targets: readonly LinkTarget[]
}

/**
 * Links between chapter files, as mdBook, Quarto and Vivliostyle read them:
 * `other.md`, `other.md#id`, `./dir/other`, `other.html#id`, percent-encoded
 * names. A link to a file of the book becomes an in-book `#id` link (so every
 * output resolves it, and print gives it a page number); an id the file does
 * not have falls back to the chapter's start, with one warning per missing id.
 * Links to files outside the book are left for the link check.
 */
const rehypeChapterLinks: Plugin<[ChapterLinkOptions], Root> = (options) => {
  const byPath = new Map(options.targets.map((target) => [target.path, target]))
  const warned = new Set<string>()
  return (tree, file) => {
    const from = file.path ? path.dirname(file.path) : undefined
    if (from === undefined) return
    eachElement(tree, (node: Element) => {
      if (node.tagName !== 'a') return
      const href = node.properties['href']
      if (typeof href !== 'string' || href === '' || href.startsWith('#') || href.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(href)) return
      const hash = href.indexOf('#')
      const filePart = safeDecode((hash === -1 ? href : href.slice(0, hash)).replace(/\?.*$/, ''))
      const fragment = hash === -1 ? '' : safeDecode(href.slice(hash + 1))
      const target = findTarget(byPath, path.resolve(from, filePart))
      if (target === undefined) return
      node.properties['href'] = `#${idIn(target, fragment, href, node, file, warned)}`
    })
  }
}

/** The chapter a link's file means: as written, with `.md`/`.markdown` added, or with `.html` (mdBook's output name) swapped for them. */
function findTarget(byPath: ReadonlyMap<string, LinkTarget>, resolved: string): LinkTarget | undefined {
  const bare = resolved.replace(/\.html?$/i, '')
  for (const candidate of [resolved, `${resolved}.md`, `${resolved}.markdown`, `${bare}.md`, `${bare}.markdown`]) {
    const target = byPath.get(candidate)
    if (target) return target
  }
  return undefined
}

function idIn(target: LinkTarget, fragment: string, href: string, node: Element, file: VFile, warned: Set<string>): string {
  if (fragment === '') return target.startId
  const id = target.localIds.get(fragment) ?? (target.ids.has(fragment) ? fragment : undefined)
  if (id !== undefined) return id
  const key = `${target.path}#${fragment}`
  if (!warned.has(key)) {
    warned.add(key)
    const name = path.basename(target.path)
    const nearest = nearestKey(fragment, [...target.localIds.keys(), ...target.ids])
    const hint = nearest === undefined ? `add \`{#${fragment}}\` to the heading it means` : `did you mean \`#${nearest}\`? (or add \`{#${fragment}}\` to the heading it means)`
    file.message(`Link to \`${href}\`: \`${name}\` is in the book but has no id \`${fragment}\`, so the link goes to the start of that chapter: ${hint}`, {
      place: node.position,
      ruleId: 'missing-link-id',
      source: 'samizdat',
    })
  }
  return target.startId
}

/** The link targets of the book's chapters. */
export function linkTargets(chapters: readonly HastChapter[]): LinkTarget[] {
  return chapters.map((chapter) => {
    const ids = new Set<string>()
    eachElement(chapter.hast, (node: Element) => {
      if (typeof node.properties['id'] === 'string') ids.add(node.properties['id'])
    })
    const startId = ids.has(chapter.headingId) ? chapter.headingId : ([...ids][0] ?? chapter.headingId)
    return { path: chapter.file.path, startId, localIds: chapter.file.data.localIds ?? new Map(), ids }
  })
}

/** Turn every chapter's links to other chapter files into in-book `#id` links (see {@link rehypeChapterLinks}). */
export function linkChapters(chapters: readonly HastChapter[]): void {
  const processor = unified().use(rehypeChapterLinks, { targets: linkTargets(chapters) })
  for (const chapter of chapters) processor.runSync(chapter.hast, chapter.file)
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export default rehypeChapterLinks
