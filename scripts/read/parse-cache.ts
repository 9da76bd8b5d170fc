import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Root } from 'mdast'
import type { Data, VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { cacheDir, cacheKey, codeVersion } from '../lib/build-cache.ts'
import { writeFileAtomic } from '../lib/write-file-atomic.ts'
import { includeHash } from './remark-mdbook-directives.ts'

/** What parsing a chapter leaves: its mdast, what the plugins put in `file.data` (front matter), and their messages. */
interface CachedParse {
  readonly mdast: Root
  readonly data: Data
  readonly messages: readonly SavedMessage[]
}

type SavedMessage = Pick<VFileMessage, 'reason' | 'place' | 'ruleId' | 'source' | 'fatal' | 'url' | 'note' | 'actual' | 'expected'>

// Bumped when the record's shape changes; the code that parses is in codeVersion().
const recordVersion = '1'

/**
 * The cache of parsed chapters (mdast after every remark plugin), keyed by
 * the chapter's bytes, its path in the book, the parser's options and the
 * samizdat code, so a rebuild parses only the chapters that changed.
 * Citations are not in it: they run book-wide over every chapter afterwards.
 * A cache that cannot be read or written is only a slower build.
 */
export function parseCache(options: { readonly root: string; readonly lang: string; readonly quotes: unknown }) {
  const dir = cacheDir()
  const settings = JSON.stringify([recordVersion, codeVersion(), options.lang, options.quotes ?? null])
  const keyOf = (file: VFile, bytes: Uint8Array) => cacheKey(settings, path.relative(options.root, file.path), bytes)
  const writes: Promise<unknown>[] = []
  return {
    /** The chapter's parse from an earlier build, with its data and messages put back on `file`; undefined when not cached. */
    async read(file: VFile, bytes: Uint8Array): Promise<Root | undefined> {
      if (!dir) return undefined
      const text = await readFile(path.join(dir, 'mdast', keyOf(file, bytes))).catch(() => undefined)
      if (!text) return undefined
      let record: CachedParse
      try {
        record = JSON.parse(text.toString('utf8')) as CachedParse
      } catch {
        return undefined
      }
      // A chapter that includes other files (mdBook's `{{#include}}`) is stale when one of them changed.
      if (!(await includesUnchanged(record.data.includes))) return undefined
      file.data = { ...file.data, ...record.data }
      for (const saved of record.messages) replay(file, saved)
      return record.mdast
    },
    /** Keep the chapter's parse, unless it has a fatal message (a broken chapter is parsed again, to say so again). */
    write(file: VFile, bytes: Uint8Array, mdast: Root, messagesBefore: number): void {
      if (!dir) return
      const messages = file.messages.slice(messagesBefore)
      if (messages.some((message) => message.fatal === true)) return
      const record: CachedParse = { mdast, data: file.data, messages: messages.map(save) }
      const target = path.join(dir, 'mdast', keyOf(file, bytes))
      const json = JSON.stringify(record)
      writes.push(
        mkdir(path.dirname(target), { recursive: true })
          .then(() => writeFileAtomic(target, json))
          .catch(() => undefined),
      )
    },
    /** Wait for the writes. */
    async flush(): Promise<void> {
      await Promise.all(writes.splice(0))
    },
  }
}

async function includesUnchanged(includes: Data['includes']): Promise<boolean> {
  for (const { path: included, hash } of includes ?? []) {
    const bytes = await readFile(included).catch(() => undefined)
    if ((bytes ? includeHash(bytes) : null) !== hash) return false
  }
  return true
}

function save(message: VFileMessage): SavedMessage {
  const { reason, place, ruleId, source, fatal, url, note, actual, expected } = message
  return { reason, place, ruleId, source, fatal, url, note, actual, expected }
}

function replay(file: VFile, saved: SavedMessage): void {
  const message = file.message(saved.reason, { ...(saved.place ? { place: saved.place } : {}), ...(saved.ruleId ? { ruleId: saved.ruleId } : {}), ...(saved.source ? { source: saved.source } : {}) })
  message.fatal = saved.fatal
  if (saved.url !== undefined) message.url = saved.url
  if (saved.note !== undefined) message.note = saved.note
  if (saved.actual !== undefined) message.actual = saved.actual
  if (saved.expected !== undefined) message.expected = saved.expected
}
