import path from 'node:path'
import type { Element, Root } from 'hast'
import type { BookTree, HastChapter } from './book-model.ts'
import { eachElement } from './each-element.ts'

/** Each local image the book shows: its absolute path and its path in the print build folder (`images/…`). */
export function buildImages(tree: BookTree): Map<string, string> {
  const images = new Map<string, string>()
  for (const chapter of tree.chapters) {
    for (const file of chapter.file.data.resources?.values() ?? []) {
      // The manuscript's own folder structure keeps names unique; resources are inside the root.
      images.set(file, `images/${path.relative(tree.book.root, file).split(path.sep).join('/')}`)
    }
  }
  return images
}

/** Point a chapter copy's images at their names in an output folder (see {@link buildImages}). */
export function pointImagesIntoBuild(hast: Root, chapter: HastChapter, images: ReadonlyMap<string, string>): void {
  const resources = chapter.file.data.resources
  if (!resources) return
  eachElement(hast, (node: Element) => {
    if (node.tagName !== 'img' || typeof node.properties['src'] !== 'string') return
    const file = resources.get(node.properties['src'])
    const target = file ? images.get(file) : undefined
    if (target) node.properties['src'] = target.split('/').map(encodeURIComponent).join('/')
  })
}
