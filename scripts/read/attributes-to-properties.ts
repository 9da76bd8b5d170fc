import type { Properties } from 'hast'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import type { PandocAttributes } from './pandoc-attributes.ts'

// Keys samizdat gives a meaning; any other is kept as `data-key` for a user stylesheet.
const meaningful = new Set(['lang', 'dir', 'title', 'width', 'height', 'short-caption', 'short-title', 'custom-style'])
// A BCP 47 tag as people write them: `fr`, `en-GB`, `sr-Latn`, `zh-Hant-TW`.
const languageTag = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i

/**
 * Pandoc attributes as hast properties (`data.hProperties` of an mdast node):
 * the id, the classes, `lang` and `dir`, `title`, `width`/`height` (as
 * `data-width`/`data-height`, turned into a style once the raw HTML is
 * sanitised); other keys become `data-*` attributes, as pandoc writes them
 * in HTML. Reports keys that mean nothing here and malformed values.
 */
export function attributesToProperties(attributes: PandocAttributes, file: VFile, place: Position | undefined): Properties {
  const properties: Properties = {}
  if (attributes.id) properties['id'] = attributes.id
  if (attributes.classes.length > 0) properties['className'] = [...attributes.classes]
  for (const [key, value] of attributes.pairs) {
    if (key === 'lang') {
      if (languageTag.test(value)) properties['lang'] = value
      else report(file, place, `\`lang=${value}\` is not a language tag: write one like \`fr\`, \`de\`, \`en-GB\` (BCP 47)`, 'bad-attribute')
    } else if (key === 'dir') {
      if (['ltr', 'rtl', 'auto'].includes(value)) properties['dir'] = value
      else report(file, place, `\`dir=${value}\` is not a direction: write \`dir=rtl\` or \`dir=ltr\``, 'bad-attribute')
    } else if (key === 'title') {
      properties['title'] = value
    } else if (key === 'width' || key === 'height') {
      properties[key === 'width' ? 'dataWidth' : 'dataHeight'] = value
    } else if (key.startsWith('data-')) {
      properties[dataProperty(key.slice(5))] = value
    } else {
      properties[dataProperty(key)] = value
      if (!meaningful.has(key)) {
        report(file, place, `The attribute \`${key}=…\` means nothing to samizdat: it is kept as \`data-${key}\` for a stylesheet of yours (samizdat reads \`#id\`, \`.class\`, \`lang\`, \`dir\`, \`title\`, \`width\` and \`height\`)`, 'unknown-attribute')
      }
    }
  }
  return properties
}

/** `short-caption` → `dataShortCaption`, the hast name of `data-short-caption`. */
function dataProperty(name: string): string {
  return `data${name.replace(/(^|[-_:.])([a-z0-9])/gi, (_, __: string, char: string) => char.toUpperCase())}`
}

function report(file: VFile, place: Position | undefined, reason: string, ruleId: string): void {
  file.message(reason, { ...(place ? { place } : {}), ruleId, source: 'samizdat' })
}
