import { defaultSchema, type Schema } from 'hast-util-sanitize'

const bookElements = ['section', 'aside', 'figure', 'figcaption', 'span', 'div', 'small', 'cite', 'abbr', 'mark', 'header', 'footer', 'nav', 'u', 'wbr', 'bdi', 'bdo', 'dfn', 'time', 'caption', 'colgroup', 'col']

// `source` carries `srcset`, which no protocol check covers: a request waiting to happen.
const refused = new Set(['source'])

// `name` clobbers `document.*` (the Document interface has [LegacyOverrideBuiltIns]),
// which would let a manuscript break the scripts that paginate the book.
const refusedAttributes = new Set(['name'])

/**
 * What raw HTML in an untrusted manuscript may keep: GitHub's allow-list plus
 * the structure books need (figures, sections, spans with classes, ids and
 * `lang`). No scripts, styles, frames, forms, `srcset`, or absolute `src`
 * URLs: the browser must load only the book's own files.
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  // Ids are the book's own cross-reference targets: keep them as written.
  clobber: [],
  clobberPrefix: '',
  tagNames: [...(defaultSchema.tagNames ?? []).filter((name) => !refused.has(name)), ...bookElements],
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []).filter((name) => typeof name !== 'string' || !refusedAttributes.has(name)), 'id', 'className', 'lang', 'dir', 'role', 'title', 'data*'],
    a: [...(defaultSchema.attributes?.['a'] ?? []), 'dataFootnoteBackref', 'dataFootnoteRef', 'ariaDescribedBy', 'ariaLabel'],
    section: ['dataFootnotes'],
    h2: ['id'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    time: ['dateTime'],
    bdo: ['dir'],
    col: ['span'],
    colgroup: ['span'],
    source: [],
  },
  protocols: {
    ...defaultSchema.protocols,
    // Relative URLs are always allowed; absolute image sources never are.
    src: [],
  },
  // Elements whose content means nothing once the element is gone: drop it too,
  // so neither CSS nor a script's text shows up on the page.
  strip: ['script', 'style', 'template', 'svg', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'iframe', 'select'],
}

/** True when the sanitiser keeps an element named `tagName`. */
export function isAllowedElement(tagName: string): boolean {
  return (sanitizeSchema.tagNames ?? []).includes(tagName)
}
