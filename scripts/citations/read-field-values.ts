import { parseAnnotation, parse as parseValue } from '@citation-js/plugin-bibtex/lib/input/value.js'
import type { BibtexRawEntry } from '@citation-js/plugin-bibtex/lib/input/file.js'
import type { BibtexValuedEntry } from '@citation-js/plugin-bibtex/lib/mapping/index.js'
import type { Point } from 'unist'
import type { VFile } from 'vfile'
import { patchSentenceCase, subtitleFields } from './citation-js-sentence-case.ts'
import { describeSyntaxError } from './describe-bibtex-error.ts'
import { texToCitationJs } from './tex-to-citation-js.ts'

/**
 * Read each field of one entry from TeX to text with citation-js's value
 * parser. A field it cannot read is a warning at that field's line and is
 * left out; the rest of the entry is kept, as biblatex would keep it.
 */
export function readFieldValues(entry: BibtexRawEntry, file: VFile, place: (field: string) => Point | undefined): BibtexValuedEntry {
  patchSentenceCase()
  const languages = entryLanguages(entry.properties)
  const properties: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(entry.properties)) {
    if (value === '') continue
    try {
      // A periodical's title is a journal's name: never sentence-cased (no language has that rule).
      const fieldLanguages = entry.type === 'periodical' && field === 'title' ? ['none'] : languages
      const parsed = parseValue(texToCitationJs(String(value)), field, fieldLanguages)
      properties[field] = verbatimFields.has(field) ? parsed : typography(parsed, subtitleFields.has(field))
    } catch (error) {
      const at = place(field)
      file.message(
        `Cannot read field \`${field}\` of entry \`${entry.label}\` in ${file.basename}: ${describeSyntaxError(error)}. Check the braces and TeX commands in this field; the field is left out, the rest of the entry is kept`,
        { ...(at ? { place: at } : {}), ruleId: 'bibliography-syntax', source: 'samizdat' },
      )
    }
  }
  for (const [field, annotations] of Object.entries(entry.annotations ?? {})) {
    for (const [name, text] of Object.entries(annotations)) {
      try {
        properties[`${field}+an:${name}`] = parseAnnotation(text)
      } catch {
        // An annotation (biber's `field+an`) only decorates its field: leaving it out loses nothing printed.
      }
    }
  }
  return { type: entry.type, label: entry.label, properties }
}

// Fields that are identifiers or addresses, read as written.
const verbatimFields = new Set(['url', 'doi', 'eprint', 'file', 'verba', 'verbb', 'verbc', 'pdf', 'isbn', 'issn', 'options', 'langid', 'langidopts', 'keywords'])

/** A subtitle starts with a capital, as it follows the title's colon. (Typed apostrophes stay: citeproc-js prints them as ’.) */
function typography(value: unknown, subtitle: boolean): unknown {
  if (typeof value === 'string') return subtitle ? value.replace(/^(<[^>]+>)*\p{Ll}/u, (start) => start.slice(0, -1) + start.slice(-1).toUpperCase()) : value
  if (Array.isArray(value)) return value.map((part) => typography(part, false))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, part]) => [key, typography(part, false)]))
  return value
}

/**
 * The languages that decide sentence case, as biblatex decides them: `langid`
 * first, then the `language` list (`langlatin and langgerman`). None means the
 * book's language.
 */
function entryLanguages(properties: BibtexRawEntry['properties']): string[] {
  const langid = properties['langid']
  if (typeof langid === 'string' && langid.trim()) return [langid.trim().toLowerCase()]
  const language = properties['language']
  if (typeof language !== 'string' || !language.trim()) return []
  return language
    .split(/\s+and\s+/)
    .map((name) => name.replace(/^lang/, '').trim().toLowerCase())
    .filter(Boolean)
}
