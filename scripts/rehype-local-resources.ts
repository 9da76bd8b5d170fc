import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Element, Root } from 'hast'
import { h } from 'hastscript'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'

declare module 'vfile' {
  interface DataMap {
    /** Local files the chapter uses (images), by the `src` written in the manuscript. */
    resources: globalThis.Map<string, string>
  }
}

/** Image formats every output (Chromium's PDF, EPUB 3 core media types) can carry. */
export const imageTypes: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
}

/** Options for {@link rehypeLocalResources}. */
export interface LocalResourceOptions {
  /** The manuscript folder: resources must be inside it. */
  readonly root: string
}

/**
 * Keep the book self-contained: an image must be a file inside the
 * manuscript folder, in a format every output carries. Anything else (a
 * remote URL, `file:` or a path outside the folder, a missing file) is
 * reported at its place and replaced by a visible placeholder, so the
 * browser never fetches it.
 */
const rehypeLocalResources: Plugin<[LocalResourceOptions], Root> = (options) => (tree, file) => {
  const resources = (file.data.resources ??= new Map())
  const root = path.resolve(options.root)
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'img' || !parent || index === undefined) return
    const src = typeof node.properties['src'] === 'string' ? node.properties['src'] : ''
    const problem = checkImage(src, path.dirname(file.path), root)
    if (problem === undefined) {
      resources.set(src, path.resolve(path.dirname(file.path), decodeURI(src.split(/[?#]/)[0]!)))
      if (!node.properties['alt']) {
        file.message('Image without alt text: describe it in the brackets, `![what it shows](file.png)`, for readers who cannot see it', {
          place: node.position,
          ruleId: 'missing-alt',
          source: 'samizdat',
        })
      }
      return
    }
    file.message(problem, { place: node.position, ruleId: 'image-not-local', source: 'samizdat' })
    const alt = typeof node.properties['alt'] === 'string' && node.properties['alt'] ? node.properties['alt'] : src
    parent.children[index] = { ...h('span.missing-image', `[image: ${alt}]`), position: node.position }
  })
}

function checkImage(src: string, chapterDir: string, root: string): string | undefined {
  if (src === '') return 'Image with no file: write `![description](images/file.png)`'
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
    return `Image \`${src}\` is not a file of the book and will not be loaded: download it into the manuscript folder and link it by its relative path`
  }
  const target = path.resolve(chapterDir, decodeURI(src.split(/[?#]/)[0]!))
  if (path.relative(root, target).startsWith('..') || path.isAbsolute(path.relative(root, target))) {
    return `Image \`${src}\` is outside the manuscript folder: copy it into the folder so the book stays self-contained`
  }
  if (!existsSync(target) || !statSync(target).isFile()) return `Image \`${src}\` not found: check the file name (names are case-sensitive)`
  const extension = path.extname(target).toLowerCase()
  if (!imageTypes[extension]) {
    return `Image \`${src}\` is a \`${extension || 'file without extension'}\`, which EPUB readers and the PDF cannot show: convert it to PNG, JPEG, GIF, SVG or WebP`
  }
  return undefined
}

export default rehypeLocalResources
