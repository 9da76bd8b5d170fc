import { readFile } from 'node:fs/promises'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/** Each page's text as pdf.js's viewer has it: its text items in order, a newline where pdf.js sees a line end. */
export async function pdfjsPageTexts(file: string): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(await readFile(file)), useSystemFonts: false, isEvalSupported: false }).promise
  try {
    const pages: string[] = []
    for (let number = 1; number <= doc.numPages; number++) {
      const content = await (await doc.getPage(number)).getTextContent()
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''))
    }
    return pages
  } finally {
    await doc.destroy()
  }
}

/**
 * Text as pdf.js's find bar searches it (web/pdf_find_controller's
 * `normalize`): a word broken by a hyphen at a line end is joined again, and
 * other line ends are spaces.
 */
export function searchableText(pageText: string): string {
  return pageText.replace(/(\p{Ll})-\n(?=\p{Ll})|(\p{Lu})-\n(?=\p{L})/gu, '$1$2').replace(/\n/g, ' ')
}
