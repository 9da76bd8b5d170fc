import type {} from 'mdast-util-to-hast'
import type { Code, Html, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast'
import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { type TextSlicer, textSlicer } from './text-slicer.ts'

/** Page-break commands: a new page in print, nothing elsewhere. */
const pageBreaks = new Set(['newpage', 'pagebreak', 'clearpage', 'cleardoublepage'])
/** Commands whose argument is text the reader must see, with its meaning. */
const textCommands: Readonly<Record<string, (children: PhrasingContent[]) => PhrasingContent>> = {
  textit: (children) => ({ type: 'emphasis', children }),
  emph: (children) => ({ type: 'emphasis', children }),
  textsl: (children) => ({ type: 'emphasis', children }),
  textbf: (children) => ({ type: 'strong', children }),
  textsc: (children) => ({ type: 'bracketedSpan', children, data: { hName: 'span', hProperties: { className: ['smallcaps'] } } }),
  underline: (children) => ({ type: 'bracketedSpan', children, data: { hName: 'u' } }),
  texttt: (children) => ({ type: 'inlineCode', value: children.map((child) => ('value' in child ? child.value : '')).join('') }),
  textrm: (children) => ({ type: 'bracketedSpan', children, data: { hName: 'span' } }),
  mbox: (children) => ({ type: 'bracketedSpan', children, data: { hName: 'span' } }),
}
const logos: Readonly<Record<string, string>> = { LaTeX: 'LaTeX', TeX: 'TeX', LaTeXe: 'LaTeX2ε', ldots: '…', dots: '…', textellipsis: '…' }

// `\name*[opt]{arg}{arg}`, `\begin{env}…\end{env}`; a command without arguments only when samizdat knows it
// or it begins a line (a lone `\Users` in `C:\Users` is text). Arguments may hold one level of nested braces.
const argument = String.raw`\{(?:[^{}]|\{[^{}]*\})*\}`
const command = new RegExp(String.raw`\\begin\{([a-zA-Z*]+)\}[\s\S]*?\\end\{\1\}|\\([a-zA-Z@]+)(\*?)((?:\[[^\]\n]*\])?(?:${argument})*)`, 'g')

/**
 * Raw LaTeX as pandoc's `raw_tex` and `raw_attribute` read it, for
 * manuscripts written for pandoc's PDF output: `\newpage` (`\pagebreak`,
 * `\clearpage`) becomes a page break in print; `\textit{…}`, `\emph`,
 * `\textbf`, `\textsc`, `\texttt`, `\underline` keep their text with its
 * meaning; `\LaTeX` and `\ldots` their glyphs; every other command, each
 * environment and each ```` ```{=latex} ```` block (any format but HTML) is
 * left out with one warning at its place, never printed. A
 * ```` ```{=html} ```` block is raw HTML.
 */
const remarkRawTex: Plugin<[], Root> = () => (tree, file) => {
  const slicer = textSlicer(file)
  const walk = (parent: Parent) => {
    parent.children = parent.children.flatMap((child): RootContent[] => {
      if (child.type === 'code') return rawBlock(child, file)
      if (child.type === 'paragraph') return paragraphWithoutTex(child, file, slicer)
      if ('children' in child) walk(child)
      return [child]
    }) as typeof parent.children
  }
  walk(tree)
}

export default remarkRawTex

function rawBlock(code: Code, file: VFile): RootContent[] {
  const format = /^\{=([\w+-]+)\}$/.exec(`${code.lang ?? ''}${code.meta ? ` ${code.meta}` : ''}`.trim())?.[1]?.toLowerCase()
  if (!format) return [code]
  if (format === 'html' || format === 'html5') {
    const html: Html = { type: 'html', value: code.value }
    if (code.position) html.position = code.position
    return [html]
  }
  report(file, code, `A raw ${format} block is left out: it is written for another output format (pandoc's \`{=${format}}\`); write what it should print as Markdown`, 'raw-format-dropped')
  return []
}

/** The paragraph with its TeX commands read: split at page breaks, dropped when nothing but commands was in it. */
function paragraphWithoutTex(paragraph: Paragraph, file: VFile, slicer: TextSlicer): RootContent[] {
  if (!paragraph.children.some((child) => child.type === 'text' && child.value.includes('\\'))) return [paragraph]
  // An environment over several lines, which hard breaks (`\\` + two spaces) cut into several texts: left out whole, as pandoc does.
  const environment = wholeEnvironment(paragraph)
  if (environment) {
    report(file, paragraph, `The LaTeX environment \`\\begin{${environment}}\` is left out: samizdat does not read LaTeX; write it as Markdown`, 'raw-tex-dropped')
    return []
  }
  const pieces: PhrasingContent[][] = [[]]
  const breaks: (Text | undefined)[] = []
  for (const child of paragraph.children) {
    if (child.type !== 'text') {
      pieces.at(-1)!.push(child)
      continue
    }
    let cursor = 0
    for (const match of child.value.matchAll(command)) {
      const [written, environment, name, , args] = match
      // A bare unknown command is TeX at the start of a line or right after another command; else text (`C:\\Users`).
      const lineStart = /(^|\n)[ \t]*$/.test(child.value.slice(0, match.index)) || match.index === cursor && cursor > 0
      if (slicer.escaped(child, match.index) || (name && !knows(name) && !args && !lineStart)) continue
      if (match.index > cursor) pieces.at(-1)!.push(slicer.slice(child, cursor, match.index))
      cursor = match.index + written.length
      const place = slicer.slice(child, match.index, cursor)
      if (environment) {
        report(file, place, `The LaTeX environment \`\\begin{${environment}}\` is left out: samizdat does not read LaTeX; write it as Markdown`, 'raw-tex-dropped')
      } else if (pageBreaks.has(name!)) {
        breaks.push(place)
        pieces.push([])
      } else if (logos[name!] !== undefined) {
        pieces.at(-1)!.push({ ...place, value: logos[name!]! })
      } else if (textCommands[name!] && args?.startsWith('{')) {
        const inner = args.slice(1, -1).trim()
        pieces.at(-1)!.push(textCommands[name!]!([{ ...slicer.slice(child, match.index + written.indexOf('{') + 1, cursor - 1), value: inner }]))
      } else {
        report(file, place, `The LaTeX command \`${written.length > 40 ? `${written.slice(0, 40)}…` : written.replace(/\s+/g, ' ')}\` is left out: samizdat does not read LaTeX (it reads \`\\newpage\`, \`\\textit{…}\`, \`\\textbf{…}\` and a few more)`, 'raw-tex-dropped')
      }
    }
    if (cursor === 0) pieces.at(-1)!.push(child)
    else if (cursor < child.value.length) pieces.at(-1)!.push(slicer.slice(child, cursor))
  }
  const result: RootContent[] = []
  pieces.forEach((children, index) => {
    if (index > 0) result.push(pageBreak(breaks[index - 1]))
    const content = trim(children)
    if (content.length > 0) result.push({ ...paragraph, children: content })
  })
  return result
}

function knows(name: string): boolean {
  return pageBreaks.has(name) || logos[name] !== undefined
}

/** A paragraph's content without the white space the commands left at its ends. */
function trim(children: PhrasingContent[]): PhrasingContent[] {
  const blank = (node: PhrasingContent | undefined) => node?.type === 'text' && node.value.trim() === ''
  const content = [...children]
  while (blank(content[0])) content.shift()
  while (blank(content.at(-1))) content.pop()
  const first = content[0]
  if (first?.type === 'text') content[0] = { ...first, value: first.value.trimStart() }
  const last = content.at(-1)
  if (last?.type === 'text') content[content.length - 1] = { ...last, value: last.value.trimEnd() }
  return content
}

/** `div.pagebreak`: a new page in print (print.css), nothing on a screen. */
function pageBreak(from: Text | undefined): RootContent {
  const node = { type: 'fencedDiv', info: '', children: [], data: { hName: 'div', hProperties: { className: ['pagebreak'] } } } as RootContent
  if (from?.position) node.position = from.position
  return node
}

function report(file: VFile, node: { position?: import('unist').Position | undefined }, reason: string, ruleId: string): void {
  file.message(reason, { ...(node.position ? { place: node.position } : {}), ruleId, source: 'samizdat' })
}

/** The environment's name when the whole paragraph is one `\begin{x}` … `\end{x}`. */
function wholeEnvironment(paragraph: Paragraph): string | undefined {
  const first = paragraph.children[0]
  const last = paragraph.children.at(-1)
  if (first?.type !== 'text' || last?.type !== 'text' || paragraph.children.length < 2) return undefined
  const name = /^\s*\\begin\{([a-zA-Z*]+)\}/.exec(first.value)?.[1]
  return name && last.value.trimEnd().endsWith(`\\end{${name}}`) ? name : undefined
}
