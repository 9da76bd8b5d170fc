import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from 'puppeteer-core'
import type { BrowserSession, PageLog } from '../browser/browser-session.ts'
import { containPages, type LayoutProgress, layOutPages, preparePagedLayout } from '../layout/paged-layout.ts'
import { type PageMap, readPageMap } from '../layout/read-page-map.ts'
import { runInPage } from '../layout/run-in-page.ts'
import { measureTypesetting } from '../layout/measure-typesetting.ts'
import { settleSoftHyphens } from '../layout/settle-soft-hyphens.ts'
import { stabiliseIds } from '../layout/stabilise-ids.ts'
import { withTimeLimit } from '../browser/time-limit.ts'

/** A part of the book laid out by Paged.js in its own browser page, not yet printed. */
export interface LaidOutPiece {
  readonly pageCount: number
  /** Every id in the piece and its 1-based page within the piece (first occurrence). */
  readonly places: Record<string, number>
  readonly log: PageLog
  /**
   * Number the pages from `startFolio` (none: leave the document's own
   * counter), write `numbers` (target id → folio) after the contents' entries
   * and the in-book links, read the page map and print. Paged.js's own ids
   * (footnotes) get `tag` in their names, which become the PDF's named
   * destinations: unique in the joined book. With `measure`, the map holds
   * the typesetting measures. Closes the page.
   */
  print(startFolio: number | undefined, numbers: ReadonlyMap<string, string>, headingIds: readonly string[], tag: string, measure?: boolean): Promise<{ raw: Uint8Array; map: PageMap; foreign: string[] }>
}

/** Time limits of one piece, in ms. */
export interface PieceLimits {
  readonly load: number
  readonly layout: number
  readonly stall: number
  readonly pdf: number
}

/**
 * Load `htmlFile` (inside `allowedRoot`) in a new sandboxed page of
 * `session` and lay it out with Paged.js; the page stays open for
 * {@link LaidOutPiece.print}, which may run while other pieces are laid out.
 */
export async function layOutPiece(
  session: BrowserSession,
  htmlFile: string,
  allowedRoot: string,
  limits: PieceLimits,
  signal?: AbortSignal,
  onProgress?: (progress: LayoutProgress) => void,
): Promise<LaidOutPiece> {
  const documentUrl = pathToFileURL(resolve(htmlFile)).href
  const { page, log, settled } = await session.newPage({ allowedRoots: [resolve(allowedRoot)], documentUrl })
  try {
    await page.emulateMediaType('print')
    await preparePagedLayout(page)
    await withTimeLimit(page.goto(documentUrl, { waitUntil: 'load', timeout: 0 }), `Loading ${htmlFile}`, limits.load, signal)
    if (page.url() !== documentUrl) throw new Error(`The print HTML ${htmlFile} navigated away from itself to ${page.url()}`)
    const pageCount = await layOutPages(page, { limitMs: limits.layout, stallMs: limits.stall, onProgress, signal })
    const places = await runInPage(page, idPlacesInPage, undefined)
    return {
      pageCount,
      places,
      log,
      print: async (startFolio, numbers, headingIds, tag, measure) => {
        try {
          await page.addStyleTag({ content: numberingCss(startFolio, numbers) })
          const pageMap = await withTimeLimit(readPageMap(page, headingIds), 'Reading the page map', limits.pdf, signal)
          await stabiliseIds(page)
          await runInPage(page, tagPagedIdsInPage, tag)
          const foreign = await runInPage(page, addForeignTargetsInPage, undefined)
          await containPages(page)
          // After the page map, which counts characters as written (see html-to-pdf).
          await settleSoftHyphens(page)
          const map = measure ? { ...pageMap, measures: await measureTypesetting(page) } : pageMap
          const raw = await withTimeLimit(
            settled().then(() => page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: false, timeout: 0 })),
            'Printing the PDF',
            limits.pdf,
            signal,
          )
          return { raw, map, foreign }
        } finally {
          await closeQuietly(page)
        }
      },
    }
  } catch (error) {
    await closeQuietly(page)
    throw error
  }
}

/**
 * The folios a one-piece layout would print: the page counter set on the
 * piece's first page (after Paged.js's own increment, as its resets are
 * turned into sets, see paged-layout), and each target-counter() replaced by
 * the target's folio in the whole book.
 */
function numberingCss(startFolio: number | undefined, numbers: ReadonlyMap<string, string>): string {
  const rules: string[] = []
  if (startFolio !== undefined) rules.push(`.pagedjs_pages > .pagedjs_page:first-child { counter-set: page ${startFolio} !important; }`)
  for (const [id, folio] of numbers) {
    const href = cssString(`#${id}`)
    rules.push(`.contents a[href=${href}]::after { content: ${cssString(folio)} !important; }`)
    rules.push(`a.xref[href=${href}]::after { content: ", " attr(data-page-term) "\\00A0" ${cssString(folio)} !important; }`)
  }
  return rules.join('\n')
}

function cssString(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`).replace(/\n/g, '\\a ')}"`
}

async function closeQuietly(page: Page): Promise<void> {
  await page.close().catch(() => undefined)
}

/** Runs in the page; self-contained (see runInPage). */
function idPlacesInPage(): Record<string, number> {
  const places: Record<string, number> = {}
  const pages = [...document.querySelectorAll('.pagedjs_pages > .pagedjs_page')]
  pages.forEach((pageElement, index) => {
    for (const element of pageElement.querySelectorAll('[id]')) {
      if (!(element.id in places)) places[element.id] = index + 1
    }
  })
  return places
}

/** Runs in the page; self-contained (see runInPage). `pagedjs-3` → `pagedjs-<tag>-3` in ids and links. */
function tagPagedIdsInPage(tag: string): void {
  for (const element of document.querySelectorAll('[id], [href]')) {
    for (const attribute of ['id', 'href']) {
      const value = element.getAttribute(attribute)
      if (value && /pagedjs-\d/.test(value)) element.setAttribute(attribute, value.replace(/pagedjs-(\d+)/g, `pagedjs-${tag}-$1`))
    }
  }
}

/**
 * Runs in the page; self-contained (see runInPage). Chromium makes no link
 * annotation for a link whose target is not in the document: give each link
 * into another part an empty stand-in target, after layout, and return their
 * ids (joinPieces points them at the real place).
 */
function addForeignTargetsInPage(): string[] {
  const pages = document.querySelectorAll('.pagedjs_pages > .pagedjs_page')
  const holder = pages[pages.length - 1]?.querySelector('.pagedjs_page_content')
  if (!holder) return []
  const foreign = new Set<string>()
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) {
    const id = decodeURIComponent(link.getAttribute('href')!.slice(1))
    if (id && !document.getElementById(id)) foreign.add(id)
  }
  for (const id of foreign) {
    const stand = document.createElement('span')
    stand.id = id
    stand.style.cssText = 'position: absolute; top: 0; left: 0; width: 0; height: 0;'
    holder.append(stand)
  }
  return [...foreign].sort()
}
