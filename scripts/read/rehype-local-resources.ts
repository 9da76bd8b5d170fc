import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Element, Root } from 'hast'
import { h } from 'hastscript'
import type { Plugin } from 'unified'
import { isInside } from '../config/resolve-book.ts'
import { eachElement } from '../lib/each-element.ts'
import { imageTypes } from '../lib/image-types.ts'

declare module 'vfile' {
  interface DataMap {
    /** Local files the chapter uses (images), by the `src` written in the manuscript. */
    resources: globalThis.Map<string, string>
  }
}

/** Options for {@link rehypeLocalResources}. */
export interface LocalResourceOptions {
  /** The manuscript folder: resources must be inside it. */
  readonly root: string
}

/**
 * Keep the book self-contained: an image must be a file inside the
 * manuscript folder, in a format every output carries (a relative path is
 * looked for from the chapter's folder, then from the book folder). Anything else (a
 * remote URL, `file:` or a path outside the folder, a missing file) is
 * reported at its place and replaced by a visible placeholder, so the
 * browser never fetches it.
 */
const rehypeLocalResources: Plugin<[LocalResourceOptions], Root> = (options) => (tree, file) => {
  const resources = (file.data.resources ??= new Map())
  const root = path.resolve(options.root)
  eachElement(tree, (node: Element, index, parent) => {
    if (node.tagName !== 'img' || !parent || index === undefined) return
    const src = typeof node.properties['src'] === 'string' ? node.properties['src'] : ''
    const image = checkImage(src, path.resolve(path.dirname(file.path)), root)
    // An image the HTML parser made up (no place of its own) is reported at its parent.
    const place = node.position ?? parent.position
    if (typeof image === 'object') {
      resources.set(src, image.file)
      if (!node.properties['alt']) {
        file.message('Image without alt text: describe it in the brackets, `![what it shows](file.png)`, for readers who cannot see it', {
          place,
          ruleId: 'missing-alt',
          source: 'samizdat',
        })
      }
      return
    }
    file.message(image, { place, ruleId: 'image-not-local', source: 'samizdat' })
    // The placeholder names the file, never the whole address: the page must not carry it.
    const alt = typeof node.properties['alt'] === 'string' && node.properties['alt'] ? node.properties['alt'] : fileName(src)
    parent.children[index] = { ...h('span.missing-image', `[image: ${alt}]`), position: node.position }
  })
}

/**
 * The image file `src` points at, or what is wrong with it. A relative path
 * is looked for from the chapter's folder, then, as pandoc resolves it (from
 * the folder it runs in), from the book folder; either way only inside the
 * book folder.
 */
function checkImage(src: string, chapterDir: string, root: string): { file: string } | string {
  if (src.trim() === '') return 'Image with no file: write `![what it shows](images/file.png)`'
  const shown = src.length > 80 ? `${src.slice(0, 80)}…` : src
  const fromChapter = locateImage(src, shown, chapterDir, root)
  const found = fromChapter === missing && chapterDir !== root ? locateImage(src, shown, root, root) : fromChapter
  if (found !== missing) return found
  const where = chapterDir === root ? 'the book folder' : `this chapter's folder (\`${path.relative(root, chapterDir).split(path.sep).join('/')}/\`) or the book folder`
  return `Image \`${shown}\` not found in ${where}: check the file name and folder (names are case-sensitive)`
}

const missing = Symbol('missing')

/** `src` resolved from `base`: the file, what is wrong with it, or {@link missing} when there is no such file. */
function locateImage(src: string, shown: string, base: string, root: string): { file: string } | string | typeof missing {
  // Resolve `src` as the browser will (it drops tabs and newlines, reads `\` as `/`,
  // decodes `%2e%2e`), so what is checked is what would be loaded.
  let url: URL | undefined
  try {
    url = new URL(src, pathToFileURL(`${base}${path.sep}`))
  } catch {
    url = undefined
  }
  if (url?.protocol !== 'file:' || url.host !== '') {
    return `Image \`${shown}\` is not a file of the book and will not be loaded: save the image in the manuscript folder and give its name, \`![what it shows](images/name.png)\``
  }
  let target: string
  try {
    target = fileURLToPath(new URL(url.pathname, 'file:'))
  } catch {
    return `Image \`${shown}\` is not a file name samizdat can read: give the image's name as it is in the folder, \`![what it shows](images/name.png)\``
  }
  if (!isInside(root, target)) {
    return `Image \`${shown}\` is outside the manuscript folder: copy it into the folder so the book stays self-contained`
  }
  if (!existsSync(target) || !statSync(target).isFile()) return missing
  const extension = path.extname(target).toLowerCase()
  if (!imageTypes[extension]) {
    return `Image \`${shown}\` is a \`${extension || 'file without extension'}\`, which EPUB readers and the PDF cannot show: convert it to PNG, JPEG, GIF, SVG or WebP`
  }
  return { file: target }
}

/** `http://example.org/maps/plan.png?x=1` → `plan.png`. */
function fileName(src: string): string {
  const name = src.split(/[?#]/)[0]!.split(/[/\\]/).filter(Boolean).at(-1) ?? ''
  return name.length > 60 ? `${name.slice(0, 60)}…` : name || 'no file'
}

export default rehypeLocalResources
