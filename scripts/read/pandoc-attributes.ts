/**
 * Pandoc's attributes, `{#id .class key=value key="a value"}`
 * (https://pandoc.org/MANUAL.html#extension-attributes), as written after
 * headings, fenced divs, bracketed spans, images, links, code and captions.
 */
export interface PandocAttributes {
  readonly id: string | undefined
  readonly classes: readonly string[]
  /** `key=value` pairs in the order written. */
  readonly pairs: readonly (readonly [key: string, value: string])[]
  /** `{=latex}`: a raw block or span for another output format. */
  readonly rawFormat: string | undefined
}

// Pandoc's identifiers and classes: letters, digits and `-_:.` (its `isIdentChar`), no leading `-` for classes is not required.
const name = /[\p{L}\p{N}_:.-]+/uy
const key = /[\p{L}\p{N}_:.-]+/uy
const space = /\s*/uy

/**
 * Parse the text between `{` and `}`; undefined when it is not pandoc's
 * attribute syntax (then the braces are text, as pandoc reads them).
 */
export function parsePandocAttributes(text: string): PandocAttributes | undefined {
  const trimmed = text.trim()
  const raw = /^=([\p{L}\p{N}_+-]+)$/u.exec(trimmed)
  if (raw) return { id: undefined, classes: [], pairs: [], rawFormat: raw[1]!.toLowerCase() }
  let id: string | undefined
  const classes: string[] = []
  const pairs: [string, string][] = []
  let at = skip(trimmed, 0)
  if (at === trimmed.length) return undefined
  while (at < trimmed.length) {
    const char = trimmed[at]
    if (char === '#' || char === '.') {
      const value = read(name, trimmed, at + 1)
      if (value === undefined) return undefined
      if (char === '#') id = value
      else classes.push(value)
      at += value.length + 1
    } else if (char === '-' && (at + 1 === trimmed.length || /\s/u.test(trimmed[at + 1]!))) {
      // `{-}` is pandoc's short form of `.unnumbered`.
      classes.push('unnumbered')
      at += 1
    } else {
      const pair = readPair(trimmed, at)
      if (!pair) return undefined
      pairs.push([pair.key, pair.value])
      at = pair.end
    }
    const next = skip(trimmed, at)
    if (next === at && at < trimmed.length) return undefined
    at = next
  }
  return { id, classes, pairs, rawFormat: undefined }
}

function readPair(text: string, at: number): { key: string; value: string; end: number } | undefined {
  const k = read(key, text, at)
  if (k === undefined || text[at + k.length] !== '=') return undefined
  let end = at + k.length + 1
  const quote = text[end]
  if (quote === '"' || quote === "'") {
    let value = ''
    for (end += 1; end < text.length && text[end] !== quote; end += 1) {
      // A backslash escapes the quote (pandoc's `\"`).
      if (text[end] === '\\' && text[end + 1] === quote) end += 1
      value += text[end]
    }
    if (end >= text.length) return undefined
    return { key: k, value, end: end + 1 }
  }
  const match = /[^\s"']*/uy
  match.lastIndex = end
  const value = match.exec(text)?.[0] ?? ''
  return { key: k, value, end: end + value.length }
}

function read(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at
  return pattern.exec(text)?.[0]
}

function skip(text: string, at: number): number {
  space.lastIndex = at
  space.exec(text)
  return space.lastIndex
}

/** The value of the last `key=…` pair, if any. */
export function attributeValue(attributes: PandocAttributes, wanted: string): string | undefined {
  let found: string | undefined
  for (const [k, value] of attributes.pairs) if (k === wanted) found = value
  return found
}
