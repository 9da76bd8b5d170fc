// Declares `data.hProperties` on mdast nodes.
import type {} from 'mdast-util-to-hast'
import type { BlockContent, DefinitionContent, Parent, Root } from 'mdast'
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'
import { attributesToProperties } from './attributes-to-properties.ts'
import { fencedDivSyntax, fenceInfo } from './micromark-fenced-div.ts'
import { parsePandocAttributes } from './pandoc-attributes.ts'

/** A pandoc fenced div, `::: {.class} … :::`. */
export interface FencedDiv extends Parent {
  type: 'fencedDiv'
  /** What follows the opening colons: `{#id .class}` or one class. */
  info: string
  children: (BlockContent | DefinitionContent)[]
}

declare module 'mdast' {
  interface BlockContentMap {
    fencedDiv: FencedDiv
  }
  interface RootContentMap {
    fencedDiv: FencedDiv
  }
}

/**
 * Pandoc's fenced divs (https://pandoc.org/MANUAL.html#extension-fenced_divs)
 * become `div`s with their id, classes and attributes (`lang` included, on
 * `data.hProperties` where later plugins look for it). The classes a book
 * needs (`epigraph`, `verse`, `dedication`, `aside`, `pagebreak` …) are
 * styled by the stylesheets; any other class passes through for a user
 * stylesheet.
 */
const remarkFencedDivs: Plugin<[], Root> = function () {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(fencedDivSyntax())
  ;(data.fromMarkdownExtensions ??= []).push(fencedDivFromMarkdown)
  return (tree, file) => {
    visit(tree, 'fencedDiv', (node: FencedDiv) => {
      const info = fenceInfo(node.info) ?? ''
      const attributes = info.startsWith('{') ? parsePandocAttributes(info.slice(1, -1)) : { id: undefined, classes: [info], pairs: [], rawFormat: undefined }
      const properties = attributes ? attributesToProperties(attributes, file, node.position) : {}
      node.data = { ...node.data, hName: 'div', hProperties: { ...node.data?.hProperties, ...properties } }
    })
  }
}

export default remarkFencedDivs

const fencedDivFromMarkdown: FromMarkdownExtension = {
  enter: {
    fencedDiv(this: CompileContext, token: Token) {
      this.enter({ type: 'fencedDiv', info: '', children: [] }, token)
    },
  },
  exit: {
    fencedDivInfo(this: CompileContext, token: Token) {
      const node = this.stack.at(-1) as FencedDiv
      if (node.type === 'fencedDiv' && node.info === '') node.info = this.sliceSerialize(token)
    },
    fencedDiv(this: CompileContext, token: Token) {
      this.exit(token)
    },
  },
}
