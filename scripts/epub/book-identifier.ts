import { createHash } from 'node:crypto'
import type { ResolvedBook } from '../config/resolve-book.ts'

// The RFC 4122 URL namespace: our names are about a book, not a URL, but a
// fixed, well-known namespace keeps the UUIDs reproducible by anyone.
const urlNamespace = '6ba7b811-9dad-11d1-80b4-00c04fd430c8'

/**
 * The book's unique identifier (`dc:identifier`): `identifier` from book.yaml,
 * or else a name-based UUID (RFC 4122 version 5, SHA-1) of its title, authors
 * and language, so every build of the same book carries the same identifier
 * and readers keep their place and notes across updates.
 */
export function bookIdentifier(book: Pick<ResolvedBook, 'identifier' | 'title' | 'authors' | 'lang'>): string {
  if (book.identifier) return book.identifier
  return `urn:uuid:${uuidV5(JSON.stringify([book.title, book.authors, book.lang]), urlNamespace)}`
}

/** A version 5 UUID of `name` in `namespace` (RFC 4122 §4.3). */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest()
  const bytes = hash.subarray(0, 16)
  bytes[6] = (bytes[6]! & 0x0f) | 0x50
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
