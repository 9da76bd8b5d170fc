import path from 'node:path'
import type { Element } from 'hast'
import { visit } from 'unist-util-visit'
import type { BookTree } from '../lib/book-model.ts'
import { imageTypes } from '../lib/image-types.ts'

// EPUB 3.2 core image types (https://www.w3.org/publishing/epub32/epub-spec.html#sec-cmt-supported):
// what every reading system shows, and what EPUBCheck 4 accepts without a fallback.
// That is every type the book accepts (rehype-local-resources) but WebP.
const coreImageTypes: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(imageTypes).filter(([, type]) => type !== 'image/webp'))

/** The core media type of an image file, or undefined for a type readers need not show. */
export function imageMediaType(file: string): string | undefined {
  return coreImageTypes[path.extname(file).toLowerCase()]
}

/**
 * Every local image of the book in a core format, mapped to its path in the
 * EPUB (`images/…`, named after its place in the manuscript folder, in
 * characters safe in every zip tool).
 */
export function bookImages(tree: BookTree): Map<string, string> {
  const images = new Map<string, string>()
  const taken = new Set<string>()
  for (const chapter of tree.chapters) {
    for (const file of (chapter.file.data.resources ?? new Map<string, string>()).values()) {
      if (images.has(file) || !imageMediaType(file)) continue
      const relative = path.relative(tree.book.root, file).split(path.sep).map(safeName).join('/')
      // Images already in an `images/` folder keep their path; others go into one.
      const inside = relative.startsWith('images/') ? relative : `images/${relative}`
      const extension = path.extname(inside)
      let name = inside
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${inside.slice(0, inside.length - extension.length)}-${n}${extension}`
      taken.add(name.toLowerCase())
      images.set(file, name)
    }
  }
  return images
}

/** A file or folder name in characters every zip tool and reading system accepts. */
function safeName(segment: string): string {
  return segment.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'image'
}

/** How many images the text has, and how many of them lack a text alternative. */
export function countImages(tree: BookTree): { images: number; imagesWithoutAlt: number } {
  let images = 0
  let imagesWithoutAlt = 0
  for (const chapter of tree.chapters) {
    visit(chapter.hast, 'element', (node: Element) => {
      if (node.tagName !== 'img') return
      images++
      if (!node.properties['alt']) imagesWithoutAlt++
    })
  }
  return { images, imagesWithoutAlt }
}
