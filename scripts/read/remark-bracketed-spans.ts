import type { Properties } from 'hast'
import type {} from 'mdast-util-to-hast'
import type { Html, Nodes, Parent, PhrasingContent, Root, Text } from 'mdast'
import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { attributesToProperties } from './attributes-to-properties.ts'
import { type PandocAttributes, parsePandocAttributes } from './pandoc-attributes.ts'
import { type TextSlicer, textSlicer } from './text-slicer.ts'

/** A pandoc bracketed span, `[text]{.class lang=fr}`. */
export interface BracketedSpan extends Parent {
  type: 'bracketedSpan'
  children: PhrasingContent[]
}

declare module 'mdast' {
  interface PhrasingContentMap {
    bracketedSpan: BracketedSpan
  }
  interface RootContentMap {
    bracketedSpan: BracketedSpan
  }
}

// Classes pandoc gives an element of its own (https://pandoc.org/MANUAL.html#extension-bracketed_spans).
const elementOfClass: Readonly<Record<string, string>> = { underline: 'u', mark: 'mark' }
// Inline nodes that take `{attributes}` written right after them (link_attributes, inline_code_attributes).
const attributed = new Set(['image', 'link', 'inlineCode', 'imageReference', 'linkReference'])
const skipped = new Set(['code', 'inlineCode', 'html', 'math', 'inlineMath', 'yaml'])

/**
 * Pandoc's bracketed spans (`[Une phrase.]{lang=fr}`, `[Name]{.smallcaps}`)
 * become `span`s with their attributes; `{…}` written right after an image,
 * a link or inline code gives it attributes (`![x](a.png){#fig:a width=60%}`,
 * `` `x`{.haskell} ``); `` `<b>`{=html} `` is raw HTML, and inline code for
 * another format (`{=latex}`) is dropped with a warning, as pandoc's HTML
 * writer drops it. Brackets written `\[` stay text.
 */
const remarkBracketedSpans: Plugin<[], Root> = () => (tree, file) => {
  const slicer = textSlicer(file)
  const walk = (node: Nodes) => {
    if (!('children' in node) || skipped.has(node.type)) return
    if (node.children.some((child) => child.type === 'text')) {
      attachAttributes(node, file, slicer)
      wrapSpans(node, file, slicer)
    }
    for (const child of node.children) walk(child)
  }
  walk(tree)
}

export default remarkBracketedSpans

/** `{attributes}` at `index` of `node`: the attributes and the index after the `}`. */
function attributesAt(node: Text, index: number, slicer: TextSlicer): { attributes: PandocAttributes; end: number } | undefined {
  if (node.value[index] !== '{' || slicer.escaped(node, index)) return undefined
  const close = node.value.indexOf('}', index)
  if (close === -1) return undefined
  const attributes = parsePandocAttributes(node.value.slice(index + 1, close))
  return attributes ? { attributes, end: close + 1 } : undefined
}

function attachAttributes(parent: Parent, file: VFile, slicer: TextSlicer): void {
  const children = parent.children as PhrasingContent[]
  for (let index = 1; index < children.length; index += 1) {
    const text = children[index]!
    const target = children[index - 1]!
    if (text.type !== 'text' || !attributed.has(target.type)) continue
    const found = attributesAt(text, 0, slicer)
    if (!found) continue
    const rest = slicer.slice(text, found.end)
    const raw = rawInline(target, found.attributes, file)
    if (raw === undefined) {
      const properties = attributesToProperties(found.attributes, file, slicer.place(text, 0, found.end))
      // Code's classes name its language, as GitHub's (and the sanitiser's) `language-*`.
      if (target.type === 'inlineCode' && Array.isArray(properties['className'])) properties['className'] = properties['className'].map((name) => `language-${name}`)
      target.data = { ...target.data, hProperties: { ...target.data?.hProperties, ...mergeClasses(target.data?.hProperties, properties) } }
    }
    const replacement = raw === undefined ? [target] : raw === null ? [] : [raw]
    children.splice(index - 1, 2, ...replacement, ...(rest.value === '' ? [] : [rest]))
  }
}

/** `` `…`{=html} `` as raw HTML; `null` (dropped, reported) for another format; undefined when not raw. */
function rawInline(target: PhrasingContent, attributes: PandocAttributes, file: VFile): Html | null | undefined {
  if (attributes.rawFormat === undefined) return undefined
  if (target.type !== 'inlineCode') return undefined
  if (attributes.rawFormat === 'html' || attributes.rawFormat === 'html5') {
    const html: Html = { type: 'html', value: target.value }
    if (target.position) html.position = target.position
    return html
  }
  file.message(`Raw ${attributes.rawFormat} \`${target.value}\` is left out: it is meant for another output format; write what it should print as Markdown`, {
    ...(target.position ? { place: target.position } : {}),
    ruleId: 'raw-format-dropped',
    source: 'samizdat',
  })
  return null
}

function mergeClasses(current: Properties | undefined, properties: Properties): Properties {
  const before = current?.['className']
  const added = properties['className']
  if (!Array.isArray(before) || !Array.isArray(added)) return properties
  return { ...properties, className: [...before, ...added] }
}

/** Wrap every `[…]{attributes}` of the parent's children in a span, innermost first. */
function wrapSpans(parent: Parent, file: VFile, slicer: TextSlicer): void {
  for (let guard = 0; guard < 1000 && wrapFirstSpan(parent, file, slicer); guard += 1);
}

function wrapFirstSpan(parent: Parent, file: VFile, slicer: TextSlicer): boolean {
  const children = parent.children as PhrasingContent[]
  for (let close = 0; close < children.length; close += 1) {
    const node = children[close]!
    if (node.type !== 'text') continue
    for (let at = node.value.indexOf(']{'); at !== -1; at = node.value.indexOf(']{', at + 1)) {
      if (slicer.escaped(node, at)) continue
      const found = attributesAt(node, at + 1, slicer)
      if (!found || found.attributes.rawFormat !== undefined) continue
      const open = openingBracket(children, close, at, slicer)
      if (!open) continue
      const opener = children[open.child] as Text
      const inside: PhrasingContent[] =
        open.child === close
          ? [slicer.slice(node, open.at + 1, at)]
          : [slicer.slice(opener, open.at + 1), ...children.slice(open.child + 1, close), slicer.slice(node, 0, at)]
      const span: BracketedSpan = { type: 'bracketedSpan', children: inside.filter((child) => child.type !== 'text' || child.value !== '') }
      const start = slicer.place(opener, open.at, open.at + 1)?.start
      const end = slicer.place(node, 0, found.end)?.end
      if (start && end) span.position = { start, end }
      const properties = attributesToProperties(found.attributes, file, span.position)
      const className = properties['className']
      const tag = Array.isArray(className) ? className.map((name) => elementOfClass[String(name)]).find(Boolean) : undefined
      span.data = { hName: tag ?? 'span', hProperties: properties }
      const before = slicer.slice(opener, 0, open.at)
      const after = slicer.slice(node, found.end)
      const replacement = [before, span as PhrasingContent, after].filter((child) => child.type !== 'text' || child.value !== '')
      children.splice(open.child, close - open.child + 1, ...replacement)
      return true
    }
  }
  return false
}

/** The unescaped `[` that the `]` at `at` of child `close` closes, among the parent's text children. */
function openingBracket(children: readonly PhrasingContent[], close: number, at: number, slicer: TextSlicer): { child: number; at: number } | undefined {
  let depth = 0
  for (let child = close; child >= 0; child -= 1) {
    const node = children[child]!
    if (node.type !== 'text') continue
    for (let index = child === close ? at - 1 : node.value.length - 1; index >= 0; index -= 1) {
      const char = node.value[index]
      if ((char !== '[' && char !== ']') || slicer.escaped(node, index)) continue
      if (char === ']') depth += 1
      else if (depth > 0) depth -= 1
      else return { child, at: index }
    }
  }
  return undefined
}
