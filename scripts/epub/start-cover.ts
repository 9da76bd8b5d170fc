import { type BookOverrides, resolveBook } from '../config/resolve-book.ts'
import { renderCover } from './render-cover.ts'

/**
 * Start rendering the cover the EPUB stage will ask for, while the
 * manuscript is read: Chromium starts on the other core instead of after the
 * read. Only when book.yaml names no cover; any problem is left for the EPUB
 * stage (and the read) to report.
 */
export async function startCover(dir: string, overrides: BookOverrides, signal?: AbortSignal): Promise<void> {
  try {
    const book = await resolveBook(dir, overrides)
    // Unhandled here on purpose: the EPUB stage gets this same render, or a new one if it failed.
    if (!book.cover) await renderCover(book, signal ? { signal } : {})
  } catch {
    // The read stage reports a bad book.yaml; the EPUB stage reports a cover that cannot be rendered.
  }
}
