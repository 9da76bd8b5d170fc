import type { Page } from 'puppeteer-core'
import { runInPage } from './run-in-page.ts'

/**
 * Paged.js names footnotes and split elements with time-based UUIDs
 * (`#note-<uuid>`); Chromium turns linked ids into named destinations, so
 * the PDF would change on every build. Rename each UUID in `id` and `href`
 * attributes to its order of first appearance, which is the same every time.
 */
export function stabiliseIds(page: Page): Promise<number> {
  return runInPage(page, stabiliseIdsInPage, undefined)
}

/** Runs in the page; self-contained (see runInPage). Returns how many UUIDs were renamed. */
function stabiliseIdsInPage(): number {
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g
  const names = new Map<string, string>()
  const rename = (value: string): string =>
    value.replace(uuid, (found) => {
      let name = names.get(found)
      if (!name) {
        name = `pagedjs-${names.size + 1}`
        names.set(found, name)
      }
      return name
    })
  for (const element of document.querySelectorAll('[id], [href]')) {
    for (const attribute of ['id', 'href']) {
      const value = element.getAttribute(attribute)
      if (value && uuid.test(value)) element.setAttribute(attribute, rename(value))
      uuid.lastIndex = 0
    }
  }
  return names.size
}
