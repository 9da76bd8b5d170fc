import { readFile } from 'node:fs/promises'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/** A run of text on a page. */
export interface PdfItem {
  readonly str: string
  readonly x: number
  readonly y: number
  readonly width: number
  readonly size: number
}

/** One line of a page's text, as a reader sees it. */
export interface PdfLine {
  readonly text: string
  /** Baseline height from the page's foot, in points. */
  readonly y: number
  /** The largest font size on the line, in points. */
  readonly size: number
  readonly items: readonly PdfItem[]
}

/** A PDF read back: page text by lines, page labels, the outline with its pages. */
export interface ReadPdf {
  readonly pages: readonly (readonly PdfLine[])[]
  readonly labels: readonly string[] | null
  readonly outline: readonly { readonly title: string; readonly page: number; readonly depth: number }[]
  readonly info: Record<string, unknown>
  readonly height: number
}

/** Read a finished PDF with pdfjs-dist, as a PDF reader would. */
export async function readPdf(file: string): Promise<ReadPdf> {
  const data = new Uint8Array(await readFile(file))
  const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise
  try {
    const pages: PdfLine[][] = []
    let height = 0
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number)
      height = page.view[3] ?? height
      const content = await page.getTextContent()
      const items = content.items.flatMap((item) =>
        'str' in item && item.str.trim() !== '' ? [{ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width, size: Math.hypot(item.transform[2] as number, item.transform[3] as number) }] : [],
      )
      pages.push(toLines(items))
    }
    const outline: { title: string; page: number; depth: number }[] = []
    const walk = async (items: Awaited<ReturnType<typeof doc.getOutline>> | undefined, depth: number) => {
      for (const item of items ?? []) {
        const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest
        const ref = dest?.[0]
        const page = ref && typeof ref === 'object' ? (await doc.getPageIndex(ref)) + 1 : 0
        outline.push({ title: item.title, page, depth })
        await walk(item.items, depth + 1)
      }
    }
    await walk(await doc.getOutline(), 1)
    const { info } = await doc.getMetadata()
    return { pages, labels: await doc.getPageLabels(), outline, info: info as Record<string, unknown>, height }
  } finally {
    await doc.destroy()
  }
}

// Items whose baselines are within 5 pt belong to one line (superscript calls sit a little higher).
function toLines(items: PdfItem[]): PdfLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x)
  const lines: { y: number; items: typeof items }[] = []
  for (const item of sorted) {
    const line = lines.find((candidate) => Math.abs(candidate.y - item.y) <= 5)
    if (line) line.items.push(item)
    else lines.push({ y: item.y, items: [item] })
  }
  return lines
    .sort((a, b) => b.y - a.y)
    .map((line) => {
      const ordered = line.items.sort((a, b) => a.x - b.x)
      return { text: joinItems(ordered), y: line.y, size: Math.max(...ordered.map((item) => item.size)), items: ordered }
    })
}

// Chromium splits words into runs at soft hyphens: runs that touch are one word.
function joinItems(items: readonly PdfItem[]): string {
  let text = ''
  let end = Number.NEGATIVE_INFINITY
  for (const item of items) {
    const gap = item.x - end
    text += text === '' || gap < item.size * 0.15 ? item.str : ` ${item.str}`
    end = item.x + item.width
  }
  return text.replace(/\u00AD/g, '').replace(/\s+/g, ' ').trim()
}
