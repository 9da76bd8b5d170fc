/** A top-level `@type{…}` block of a `.bib` file. */
export interface BibChunk {
  readonly offset: number
  readonly text: string
  readonly type: string
  readonly key: string
}

const entryStart = /^[ \t]*@/gm
const header = /^\s*@\s*([A-Za-z]+)\s*[{(]\s*([^,\s{}()]*)/

/** Split a `.bib` file at each `@` that begins a line (BibTeX managers write one entry per block). */
export function splitChunks(text: string): BibChunk[] {
  const starts = [...text.matchAll(entryStart)].map((match) => match.index)
  return starts.map((offset, index) => {
    const chunkText = text.slice(offset, starts[index + 1] ?? text.length)
    const match = header.exec(chunkText)
    return { offset, text: chunkText, type: match?.[1] ?? '', key: match?.[2] ?? '' }
  })
}

/**
 * Where each field of an entry starts (offset of its name in `chunk.text`),
 * by lower-cased field name: a brace- and quote-aware scan of the entry's
 * top level, so that a message about one field points at its line.
 */
export function fieldOffsets(chunk: BibChunk): Map<string, number> {
  const text = chunk.text
  const offsets = new Map<string, number>()
  let index = text.search(/[{(]/) + 1
  // Skip the key, up to the first comma.
  while (index > 0 && index < text.length && text[index] !== ',') index += 1
  let depth = 0
  let quoted = false
  let atFieldStart = true
  for (; index < text.length; index += 1) {
    const char = text[index]
    if (char === '\\') {
      index += 1
      continue
    }
    if (depth === 0 && !quoted) {
      if (char === ',') {
        atFieldStart = true
        continue
      }
      if (char === '}' || char === ')') break
      if (atFieldStart && /[A-Za-z_]/.test(char!)) {
        const name = /^[A-Za-z_][\w:+-]*/.exec(text.slice(index))![0]
        if (!offsets.has(name.toLowerCase())) offsets.set(name.toLowerCase(), index)
        index += name.length - 1
        atFieldStart = false
        continue
      }
      if (char === '"') quoted = true
      else if (char === '{') depth += 1
      continue
    }
    if (char === '{') depth += 1
    else if (char === '}') depth -= 1
    else if (char === '"' && depth === 0) quoted = false
  }
  return offsets
}
