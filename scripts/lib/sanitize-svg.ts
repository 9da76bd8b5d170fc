import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { type CustomPlugin, optimize, type XastElement, type XastParent } from 'svgo'

/**
 * Drop everything of an SVG that reaches outside the file: links and
 * `href`s that are not `#fragment`s or `data:` URLs, `<image>`s of other
 * files, CSS `@import` and external `url(…)`, and `<foreignObject>` (its
 * HTML is outside SVG's reach for a sanitiser; a `<switch>` keeps its SVG
 * fallback). https://www.w3.org/TR/epub-33/#sec-svg-restrictions
 */
const removeExternalReferences: CustomPlugin = {
  name: 'samizdat:removeExternalReferences',
  fn: () => ({
    element: {
      enter: (node: XastElement, parent: XastParent) => {
        if (node.name === 'foreignObject' || (node.name === 'image' && isExternal(hrefOf(node)))) {
          parent.children = parent.children.filter((child) => child !== node)
          return
        }
        for (const name of ['href', 'xlink:href']) {
          const value = node.attributes[name]
          if (value !== undefined && isExternal(value)) delete node.attributes[name]
        }
        if (node.attributes['style'] !== undefined) node.attributes['style'] = safeCss(node.attributes['style'])
        if (node.name === 'style') {
          for (const child of node.children) if (child.type === 'text' || child.type === 'cdata') child.value = safeCss(child.value)
        }
      },
    },
  }),
}

function hrefOf(node: XastElement): string | undefined {
  return node.attributes['href'] ?? node.attributes['xlink:href']
}

function isExternal(value: string | undefined): boolean {
  if (value === undefined) return false
  const trimmed = value.trim()
  return trimmed !== '' && !trimmed.startsWith('#') && !/^data:/i.test(trimmed)
}

/** CSS without `@import` and without `url(…)`s that are not fragments or `data:` (fonts and images from elsewhere). */
function safeCss(css: string): string {
  return css.replace(/@import[^;]*;?/gi, '').replace(/url\(\s*(['"]?)(?!#|data:)[^)]*\1\s*\)/gi, 'none')
}

/**
 * A standalone, safe SVG: no DOCTYPE (EPUB forbids external DTDs and
 * entities), no scripts or event handlers, no references outside the file.
 * The same text serves the print, web and EPUB editions. svgo runs only these
 * plugins: the drawing itself is not rewritten.
 */
export function sanitizeSvg(svg: string): string {
  return optimize(svg, {
    multipass: false,
    js2svg: { pretty: false },
    plugins: ['removeDoctype', 'removeScripts', removeExternalReferences],
  }).data
}

/** An image file's bytes as the book's outputs carry it: SVGs sanitised (see {@link sanitizeSvg}), other images as they are. */
export async function readBookImage(file: string): Promise<Buffer> {
  const data = await readFile(file)
  if (path.extname(file).toLowerCase() !== '.svg') return data
  return Buffer.from(sanitizeSvg(data.toString('utf8')), 'utf8')
}

/** Copy an image into an output folder, an SVG sanitised on the way (see {@link readBookImage}). */
export async function copyBookImage(file: string, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true })
  if (path.extname(file).toLowerCase() === '.svg') await writeFile(target, await readBookImage(file))
  else await copyFile(file, target)
}
