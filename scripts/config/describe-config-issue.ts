import type { z } from 'zod'
import { nearestKey } from '../diagnostics/nearest-key.ts'
import { bookSchema, pageSizes } from './book-schema.ts'

const yesNo = '`true` or `false`'
const text = 'a line of text'

// What each key of book.yaml takes, in the writer's words (`*` is any list item).
const expects: Readonly<Record<string, string>> = {
  title: "the book's title, such as `title: Mutual Aid`",
  subtitle: text,
  author: 'a name, or a list of names (one `- Name` per line)',
  'author.*': 'a name',
  editor: 'a name, or a list of names (one `- Name` per line)',
  'editor.*': 'a name',
  lang: 'a language tag such as `en`, `en-GB` or `de`',
  date: 'a date written YYYY, YYYY-MM or YYYY-MM-DD, such as `2024-05-01`',
  edition: text,
  rights: text,
  licence: 'a `name:` (and a `url:` if you like) indented under `licence:`',
  'licence.name': "the licence's name, such as `CC BY-SA 4.0`",
  'licence.url': 'a web address starting with `https://`',
  publisher: text,
  identifier: 'an ISBN or other identifier, such as `urn:isbn:9780000000000`',
  description: text,
  keywords: 'a list of words or phrases, one `- word` per line',
  'keywords.*': 'a word or phrase',
  source: 'a `url:` (and a `title:` if you like) indented under `source:`',
  'source.url': 'a web address starting with `https://`',
  'source.title': text,
  chapters: 'a list of chapter files, one `- 01-name.md` per line',
  'chapters.*': 'a file name such as `01-introduction.md`',
  pageSize: `one of ${pageSizes.join(', ')}, or WIDTH x HEIGHT such as \`120mm x 170mm\``,
  profile: '`book` or `zine`',
  halfTitle: yesNo,
  colophon: yesNo,
  contents: yesNo,
  backCover: 'the back cover text, in Markdown (use `|` and indent the lines under it)',
  printCover: yesNo,
  pdf: '`x-1a` or `x-3` (PDF/X for a print shop)',
  bibliography: 'a bibliography file such as `references.bib`, or a list of them',
  'bibliography.*': 'a file name such as `references.bib`',
  csl: 'a citation style: a name such as `apa`, or a `.csl` file',
  nocite: 'a list of citation keys, one `- key` per line',
  'nocite.*': 'a citation key',
  numberSections: yesNo,
  cover: 'an image file such as `cover.jpg`',
  typeface: 'a typeface name such as `Literata`',
  stylesheet: 'a CSS file in the book folder such as `style.css`, or a list of them',
  'stylesheet.*': 'a CSS file such as `style.css`',
  fonts: 'a font file in the book folder such as `fonts/MyFace-Regular.otf`, or a list of them',
  'fonts.*': 'a font file such as `fonts/MyFace-Regular.otf`',
  fontSize: 'a size in points such as `10pt`',
  leading: 'a line spacing in points such as `13.5pt`',
  hyphenate: yesNo,
  hyphenation: 'a list of words with a hyphen where each may break (`- hy-phen-ation`), or such lists by language (`en-GB:`, `fr:`)',
  'hyphenation.*': 'a word with a hyphen at each place it may break, such as `hy-phen-ation`',
  trustedHtml: yesNo,
  strict: yesNo,
}

/**
 * Say what is wrong with one `book.yaml` value so a writer can fix it: what
 * the key takes and what it holds now, or, for an unknown key, the key it
 * probably means. `raw` is book.yaml as parsed.
 */
export function describeConfigIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol')
  if (issue.code === 'unrecognized_keys') return describeUnknownKeys(issue.keys, path)
  const value = valueAt(raw, path)
  const name = nameOf(path)
  const wanted = expects[path.map((part) => (typeof part === 'number' ? '*' : part)).join('.')]
  if (value === undefined) {
    const parent = path.length > 1 ? ` under \`${path.slice(0, -1).join('.')}\`` : ''
    return `book.yaml has no \`${path.at(-1)}\`${parent}: add it as ${wanted ?? 'the key'}`
  }
  const guess = issue.code === 'invalid_value' && typeof value === 'string' ? nearestKey(value, issue.values.map(String)) : undefined
  const advice = guess ? `; did you mean \`${guess}\`?` : ''
  return `${name} must be ${wanted ?? issue.message}, but here it is ${describeValue(value)}${advice}`
}

function describeUnknownKeys(keys: readonly string[], path: ReadonlyArray<string | number>): string {
  const known = knownKeysAt(path)
  const where = path.length > 0 ? ` under \`${path.join('.')}\`` : ' in book.yaml'
  return keys
    .map((key) => {
      const guess = nearestKey(key, known)
      return guess
        ? `Unknown key \`${key}\`${where}: did you mean \`${guess}\`?`
        : `Unknown key \`${key}\`${where}: remove it, or correct it to one of the keys samizdat knows: ${known.join(', ')}`
    })
    .join('; ')
}

/** `pageSize`, `licence.url`, or `item 2 of chapters`. */
function nameOf(path: ReadonlyArray<string | number>): string {
  const last = path.at(-1)
  if (typeof last === 'number') return `Item ${last + 1} of \`${path.slice(0, -1).join('.')}\``
  return path.length > 0 ? `\`${path.join('.')}\`` : 'book.yaml'
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty'
  if (typeof value === 'string') return value.trim() === '' ? 'empty' : `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`
  if (typeof value === 'number') return `the number ${value}`
  if (typeof value === 'boolean') return `\`${value}\``
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`
  return 'a group of keys'
}

function valueAt(raw: unknown, path: ReadonlyArray<string | number>): unknown {
  let value = raw
  for (const part of path) value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[part] : undefined
  return value
}

/** The keys the schema knows at `path` (the top level, or inside `licence`, `source`). */
function knownKeysAt(path: ReadonlyArray<string | number>): string[] {
  let schema: unknown = bookSchema
  for (const part of path) {
    while (schema && typeof (schema as { unwrap?: unknown }).unwrap === 'function') schema = (schema as { unwrap: () => unknown }).unwrap()
    schema = (schema as { shape?: Record<string, unknown> } | undefined)?.shape?.[String(part)]
  }
  while (schema && typeof (schema as { unwrap?: unknown }).unwrap === 'function') schema = (schema as { unwrap: () => unknown }).unwrap()
  return Object.keys((schema as { shape?: Record<string, unknown> } | undefined)?.shape ?? {})
}
