import type { Text } from 'mdast'

/**
 * The offset in `source` of character `index` of a text node's value. The
 * value differs from the source where Markdown escapes (`\@`), character
 * references (`&amp;`) or container prefixes (`> ` on continuation lines)
 * were removed; walk both to stay aligned.
 */
export function sourceOffset(node: Text, index: number, source: string): number | undefined {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  const raw = source.slice(start, end)
  const value = node.value
  if (raw === value) return start + index
  let r = 0
  for (let v = 0; v < index && r < raw.length; v += 1) {
    const char = value[v]
    if (raw[r] === char) {
      r += 1
      if (char === '\n') while (r < raw.length && /[ \t>]/.test(raw[r]!) && raw[r] !== value[v + 1]) r += 1
    } else if (raw[r] === '\\' && raw[r + 1] === char) {
      r += 2
    } else {
      const reference = raw[r] === '&' ? /^&(?:#\d{1,7}|#x[\da-f]{1,6}|\w{1,31});/i.exec(raw.slice(r, r + 40)) : null
      // A reference to an astral character stands for two UTF-16 units of the value.
      if (reference && value.codePointAt(v)! > 0xffff) v += 1
      r += reference ? reference[0].length : 1
    }
  }
  // The character itself may be written escaped: point at it, not at its backslash.
  if (raw[r] === '\\' && raw[r + 1] === value[index]) r += 1
  return start + Math.min(r, raw.length)
}

/** Whether character `index` of a text node was written backslash-escaped (`\@`, `\[`). */
export function isEscaped(node: Text, index: number, source: string): boolean {
  const offset = sourceOffset(node, index, source)
  if (offset === undefined) return false
  let backslashes = 0
  while (source[offset - 1 - backslashes] === '\\') backslashes += 1
  return backslashes % 2 === 1
}
