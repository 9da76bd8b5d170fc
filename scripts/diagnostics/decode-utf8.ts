import type { VFile } from 'vfile'
import { failFile } from './fail.ts'

/**
 * Decode a source file strictly as UTF-8 (a byte-order mark is dropped). A
 * Latin-1 or Windows-1252 file must not turn into mojibake silently: it stops
 * the build at the first byte that is not UTF-8, saying how to fix it.
 */
export function decodeUtf8(bytes: Uint8Array, file: VFile): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    // Windows Notepad's "Unicode" is UTF-16, which starts with a byte-order mark.
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      return failFile(file, 'This file is saved as UTF-16 (“Unicode”), not UTF-8: open it in your editor and save it again with the encoding “UTF-8”', 'not-utf8', { line: 1, column: 1 })
    }
    const offset = firstInvalidUtf8(bytes)
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset))
    const line = before.split('\n').length
    const column = before.length - before.lastIndexOf('\n')
    return failFile(
      file,
      `This file is not saved as UTF-8 (byte 0x${bytes[offset]?.toString(16).padStart(2, '0')} at line ${line}, column ${column}; it was probably saved as Latin-1 or Windows-1252): open it in your editor and save it again with the encoding “UTF-8”`,
      'not-utf8',
      { line, column },
    )
  }
}

/** Offset of the first byte that does not begin a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let offset = 0
  while (offset < bytes.length) {
    const lead = bytes[offset]!
    const length = lead < 0x80 ? 1 : lead < 0xc2 ? 0 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : lead < 0xf5 ? 4 : 0
    if (length === 0 || offset + length > bytes.length) return offset
    // The decoder knows the fine print (overlong forms, surrogates) for one sequence.
    try {
      decoder.decode(bytes.subarray(offset, offset + length))
    } catch {
      return offset
    }
    offset += length
  }
  return offset
}
