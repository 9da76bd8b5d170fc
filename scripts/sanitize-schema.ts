import { defaultSchema, type Schema } from 'hast-util-sanitize'

const bookElements = ['section', 'aside', 'figure', 'figcaption', 'span', 'div', 'small', 'cite', 'abbr', 'mark', 'header', 'footer', 'nav']

/**
 * What raw HTML in an untrusted manuscript may keep: GitHub's allow-list plus
 * the structure books need (figures, sections, spans with classes, ids and
 * `lang`). No scripts, styles, frames, forms, or absolute `src` URLs: the
 * browser must load only the book's own files.
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  // Ids are the book's own cross-reference targets: keep them as written.
  clobber: [],
  clobberPrefix: '',
  tagNames: [...(defaultSchema.tagNames ?? []), ...bookElements],
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'id', 'className', 'lang', 'dir', 'role', 'title', 'data*'],
    a: [...(defaultSchema.attributes?.['a'] ?? []), 'dataFootnoteBackref', 'dataFootnoteRef', 'ariaDescribedBy', 'ariaLabel'],
    section: ['dataFootnotes'],
    h2: ['id'],
    img: ['src', 'alt', 'title', 'width', 'height'],
  },
  protocols: {
    ...defaultSchema.protocols,
    // Relative URLs are always allowed; absolute image sources never are.
    src: [],
  },
}
