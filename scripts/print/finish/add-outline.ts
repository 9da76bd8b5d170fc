import { type PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFRef } from 'pdf-lib'

/** A bookmark: a heading and where it landed. */
export interface OutlineEntry {
  readonly title: string
  /** 1 for a chapter, 2 for its sections, … */
  readonly level: number
  /** 1-based page. */
  readonly page: number
  /** Distance of the heading from the page's top edge, in CSS px. */
  readonly top: number
}

/**
 * The outline of the book's headings (`toc`, in book order) at their places
 * in the laid-out pages, and a message for each heading that is not there
 * (it gets no bookmark).
 */
export function bookOutline(
  toc: readonly { readonly id: string; readonly title: string; readonly level: number }[],
  headings: Readonly<Record<string, { readonly page: number; readonly top: number }>>,
): { outline: OutlineEntry[]; missing: string[] } {
  const outline: OutlineEntry[] = []
  const missing: string[] = []
  for (const entry of toc) {
    const place = headings[entry.id]
    if (place) outline.push({ title: entry.title, level: entry.level, ...place })
    else missing.push(`heading #${entry.id} (“${entry.title}”) is not in the laid-out book; it has no bookmark`)
  }
  return { outline, missing }
}

interface OutlineNode {
  readonly entry: OutlineEntry | undefined
  readonly ref: PDFRef
  readonly children: OutlineNode[]
}

/**
 * Add a document outline (bookmarks) built from `entries` in reading order,
 * nested by level. pdf-lib has no outline API, so the dictionaries are made
 * by hand (PDF 32000-1:2008 §12.3.3). Chapters start closed, so the panel
 * shows the chapter list.
 */
export function addOutline(doc: PDFDocument, entries: readonly OutlineEntry[]): void {
  if (entries.length === 0) return
  const { context } = doc
  const root: OutlineNode = { entry: undefined, ref: context.nextRef(), children: [] }
  // The parent of each entry is the nearest earlier entry of a lower level.
  const stack: { level: number; node: OutlineNode }[] = [{ level: 0, node: root }]
  for (const entry of entries) {
    while (stack.length > 1 && stack[stack.length - 1]!.level >= entry.level) stack.pop()
    const node: OutlineNode = { entry, ref: context.nextRef(), children: [] }
    stack[stack.length - 1]!.node.children.push(node)
    stack.push({ level: entry.level, node })
  }

  const pages = doc.getPages()
  const writeChildren = (node: OutlineNode): void => {
    for (const [index, child] of node.children.entries()) {
      write(child, node.ref, node.children[index - 1]?.ref, node.children[index + 1]?.ref)
    }
  }
  const write = (node: OutlineNode, parent: PDFRef, previous: PDFRef | undefined, next: PDFRef | undefined): void => {
    writeChildren(node)
    const entry = node.entry!
    const page = pages[Math.min(Math.max(entry.page, 1), pages.length) - 1]!
    // Chromium prints 96 CSS px to the inch: 0.75 pt per px. PDF y counts up from the bottom.
    const top = page.getHeight() - entry.top * 0.75
    const dict = context.obj({
      Title: PDFHexString.fromText(entry.title),
      Parent: parent,
      // [page /XYZ left top zoom]: null keeps the reader's horizontal position and zoom.
      Dest: [page.ref, PDFName.of('XYZ'), PDFNull, PDFNumber.of(Math.round(top * 100) / 100), PDFNull],
    })
    if (previous) dict.set(PDFName.of('Prev'), previous)
    if (next) dict.set(PDFName.of('Next'), next)
    const first = node.children[0]
    const last = node.children[node.children.length - 1]
    if (first && last) {
      dict.set(PDFName.of('First'), first.ref)
      dict.set(PDFName.of('Last'), last.ref)
      // Negative: closed, with this many descendants shown when opened.
      dict.set(PDFName.of('Count'), PDFNumber.of(-node.children.length))
    }
    context.assign(node.ref, dict)
  }
  writeChildren(root)
  context.assign(
    root.ref,
    context.obj({
      Type: 'Outlines',
      First: root.children[0]!.ref,
      Last: root.children[root.children.length - 1]!.ref,
      // Visible items: the top level, since every item starts closed.
      Count: root.children.length,
    }),
  )
  doc.catalog.set(PDFName.of('Outlines'), root.ref)
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
}
