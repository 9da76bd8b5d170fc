import type { Element, Root } from 'hast'
import { sanitize } from 'hast-util-sanitize'
import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { isAllowedElement, sanitizeSchema } from './sanitize-schema.ts'

const trustHint = 'set `trustedHtml: true` in book.yaml only for a manuscript you wrote yourself'

// Why each kind of dangerous element goes, in the writer's terms.
const unsafe: Readonly<Record<string, string>> = {
  script: 'a book runs no scripts',
  noscript: 'a book runs no scripts',
  style: 'a manuscript cannot bring its own styles: give the element a `class` instead',
  link: 'a manuscript cannot load stylesheets or other files',
  iframe: 'a book cannot embed other pages',
  frame: 'a book cannot embed other pages',
  frameset: 'a book cannot embed other pages',
  object: 'a book cannot embed other pages or plug-ins',
  embed: 'a book cannot embed other pages or plug-ins',
  applet: 'a book cannot embed plug-ins',
  portal: 'a book cannot embed other pages',
  video: 'a printed book cannot play media: use a still image and the address in the text',
  audio: 'a printed book cannot play media: give the address in the text',
  source: 'a book cannot load media from elsewhere',
  track: 'a book cannot load media from elsewhere',
  meta: 'it would change how the whole book loads',
  base: 'it would change where every link and image of the book points',
  form: 'a printed book has no forms',
  input: 'a printed book has no forms',
  button: 'a printed book has no forms',
  textarea: 'a printed book has no forms',
  select: 'a printed book has no forms',
  svg: 'inline SVG can load files: save the drawing as an `.svg` file and include it as an image, `![what it shows](drawing.svg)`',
  math: 'inline MathML is not supported: write the formula as text or include it as an image',
  template: 'a book runs no scripts',
}

/**
 * Sanitise raw HTML from the manuscript to the book allow-list
 * (`sanitize-schema.ts`), telling the writer, at its place, about each element
 * and attribute it removes: a silent drop would look like a rendering bug.
 * Only nodes with a place in the manuscript are reported; the pipeline's own
 * nodes pass quietly.
 */
const rehypeUntrustedHtml: Plugin<[], Root> = () => (tree, file) => {
  review(tree, file, false)
  const clean = sanitize(tree, sanitizeSchema) as Root
  tree.children = clean.children
}

export default rehypeUntrustedHtml

/**
 * Report what the sanitiser will remove, once: inside a removed element only
 * other dangerous things are named, and inside one whose content goes too
 * (`<svg>`, `<script>`) nothing. A raw `<input>` goes here: the sanitiser would
 * turn it into a checkbox.
 */
function review(parent: Root | Element, file: VFile, insideUnsafe: boolean): void {
  parent.children = parent.children.filter((node) => {
    if (node.type !== 'element') return true
    if (!node.position) {
      review(node, file, insideUnsafe)
      return true
    }
    const reason = unsafe[node.tagName]
    const checkbox = node.tagName === 'input' && node.properties['type'] === 'checkbox'
    if (reason !== undefined && !checkbox) {
      report(file, node, `Raw HTML \`<${node.tagName}>\` removed: ${reason} (${trustHint})`, 'unsafe-html')
    } else if (reason === undefined && !insideUnsafe && !isAllowedElement(node.tagName)) {
      report(file, node, `Raw HTML \`<${node.tagName}>\` is not used in a book: its text is kept without it; use Markdown, or a \`<span>\` or \`<div>\` with a \`class\``, 'unsupported-html')
    }
    reportAttributes(file, node)
    if (!(sanitizeSchema.strip ?? []).includes(node.tagName)) review(node, file, insideUnsafe || reason !== undefined)
    return node.tagName !== 'input' || checkbox
  })
}

function reportAttributes(file: VFile, node: Element): void {
  for (const [name, value] of Object.entries(node.properties)) {
    const lower = name.toLowerCase()
    if (lower === 'style') {
      report(file, node, `The \`style\` attribute on \`<${node.tagName}>\` is removed: a manuscript cannot bring its own styles; give the element a \`class\` instead (${trustHint})`, 'unsafe-html')
    } else if (/^on[a-z]+$/.test(lower)) {
      report(file, node, `The \`${lower}\` attribute on \`<${node.tagName}>\` is removed: a book runs no scripts`, 'unsafe-html')
    } else if (lower === 'srcset') {
      report(file, node, `The \`srcset\` attribute on \`<${node.tagName}>\` is removed: give one image file of the book as \`src\``, 'unsafe-html')
    } else if (lower === 'href' && node.tagName === 'a' && typeof value === 'string' && !allowedScheme(value)) {
      report(file, node, `Link to \`${value.length > 60 ? `${value.slice(0, 60)}…` : value}\` removed: a link may go to a web address (\`https://…\`), an email address (\`mailto:…\`) or a place in the book (\`#id\`)`, 'unsafe-link')
    }
  }
}

/** True when `url` is relative or uses a protocol links may keep. */
function allowedScheme(url: string): boolean {
  // Browsers ignore tabs, newlines and leading spaces or control characters in URLs.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching what URL parsers strip
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, ''))?.[1]
  return scheme === undefined || (sanitizeSchema.protocols?.['href'] ?? []).includes(scheme.toLowerCase())
}

function report(file: VFile, node: Element, reason: string, ruleId: string): void {
  file.message(reason, { place: node.position, ruleId, source: 'samizdat' })
}
