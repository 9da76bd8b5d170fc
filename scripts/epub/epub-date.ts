import { stat } from 'node:fs/promises'
import type { ResolvedBook } from '../config/resolve-book.ts'

/**
 * The date an EPUB build stamps (`dcterms:modified`, zip times), never the
 * clock: `SOURCE_DATE_EPOCH` (https://reproducible-builds.org/specs/source-date-epoch/),
 * else the book's `date`, else the newest modification time of its sources.
 */
export async function epubDate(book: Pick<ResolvedBook, 'date' | 'chapters' | 'bibliography' | 'configFile'>, env: Readonly<Record<string, string | undefined>> = process.env): Promise<string> {
  const epoch = env['SOURCE_DATE_EPOCH']
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString()
  if (book.date) return modifiedDate(book.date)
  const sources = [...book.chapters, ...book.bibliography, ...(book.configFile ? [book.configFile.path] : [])]
  const times = await Promise.all(sources.map(async (source) => (await stat(source).catch(() => undefined))?.mtimeMs ?? 0))
  return new Date(Math.floor(Math.max(0, ...times) / 1000) * 1000).toISOString()
}

/**
 * `dcterms:modified` as EPUB wants it, `CCYY-MM-DDThh:mm:ssZ`
 * (https://www.w3.org/TR/epub-33/#sec-metadata-last-modified), from an ISO
 * date (`2024`, `2024-03`, `2024-03-15`) or date-time.
 */
export function modifiedDate(iso: string): string {
  const [year, month = '01', day = '01'] = iso.slice(0, 10).split('-')
  const time = /^\d{4}-\d{2}-\d{2}T/.test(iso) ? new Date(iso) : new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (Number.isNaN(time.getTime())) throw new Error(`Not a date: \`${iso}\` (write YYYY-MM-DD)`)
  return `${time.toISOString().slice(0, 19)}Z`
}
