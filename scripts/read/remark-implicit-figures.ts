import type {} from 'mdast-util-to-hast'
import type { Image, Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast'
import type { Plugin } from 'unified'

/** An image with its caption (pandoc's `implicit_figures`). */
export interface Figure extends Parent {
  type: 'figure'
  children: (Image | FigureCaption)[]
}

/** A figure's caption. */
export interface FigureCaption extends Parent {
  type: 'figureCaption'
  children: PhrasingContent[]
}

declare module 'mdast' {
  interface BlockContentMap {
    figure: Figure
  }
  interface RootContentMap {
    figure: Figure
    figureCaption: FigureCaption
  }
}

/**
 * Pandoc's implicit figures (https://pandoc.org/MANUAL.html#extension-implicit_figures):
 * an image alone in its paragraph, with alt text or a title, becomes a
 * `figure` whose caption is the alt text (the title when there is no alt
 * text). The image's `{#fig:id}` goes to the figure, which cross-references
 * then number; `width`/`height` stay on the image. The title stays the
 * image's `title`, as pandoc keeps it.
 */
const remarkImplicitFigures: Plugin<[], Root> = () => (tree) => {
  const walk = (parent: Parent) => {
    parent.children = parent.children.map((child) => {
      if (child.type === 'paragraph') return figureOf(child) ?? child
      if ('children' in child) walk(child)
      return child
    }) as RootContent[] as typeof parent.children
  }
  walk(tree)
}

export default remarkImplicitFigures

function figureOf(paragraph: Paragraph): Figure | undefined {
  const content = paragraph.children.filter((child) => child.type !== 'text' || child.value.trim() !== '')
  const image = content[0]
  if (content.length !== 1 || image?.type !== 'image') return undefined
  const captionText = image.alt?.trim() || image.title?.trim()
  if (!captionText) return undefined
  const { id, ...imageProperties } = image.data?.hProperties ?? {}
  image.data = { ...image.data, hProperties: imageProperties }
  const caption: FigureCaption = { type: 'figureCaption', children: [{ type: 'text', value: captionText }], data: { hName: 'figcaption' } }
  if (image.position) {
    caption.position = image.position
    caption.children[0]!.position = image.position
  }
  const figure: Figure = { type: 'figure', children: [image, caption], data: { hName: 'figure', hProperties: id === undefined ? {} : { id } } }
  if (paragraph.position) figure.position = paragraph.position
  return figure
}
