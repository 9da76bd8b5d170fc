import type { Element } from 'hast'
import type { HastChapter } from './book-model.ts'
import { eachElement } from './each-element.ts'

/** Every id in the book, mapped to the chapter that holds it. */
export function collectIds(chapters: readonly HastChapter[]): Map<string, HastChapter> {
  const ids = new Map<string, HastChapter>()
  for (const chapter of chapters) {
    eachElement(chapter.hast, (node: Element) => {
      const id = node.properties['id']
      if (typeof id === 'string' && !ids.has(id)) ids.set(id, chapter)
    })
  }
  return ids
}
