import type { CslItem } from '@citation-js/core'
import type { VFile } from 'vfile'
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml'
import { pointLocator } from './point-locator.ts'
import type { ParsedEntry } from './read-bibtex.ts'

const dateFields = ['issued', 'accessed', 'event-date', 'original-date', 'submitted', 'available-date']

/** Read a CSL-JSON file (an array of items, as Zotero and pandoc write it). */
export function readCslJson(file: VFile): ParsedEntry[] {
  const text = String(file.value)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    // V8 says "… in JSON at position 123" (Node 20) or "(line 4 column 2)" (later).
    const reason = error instanceof Error ? error.message : String(error)
    const at = /position (\d+)/.exec(reason)
    const message = file.message(`${file.basename} is not valid CSL-JSON: ${reason}`, {
      ...(at ? { place: pointLocator(text)(Number(at[1])) } : {}),
      ruleId: 'bibliography-syntax',
      source: 'samizdat',
    })
    message.fatal = true
    return []
  }
  const items = itemsOf(data, file)
  return items.map((item) => {
    const key = keyOf(item)
    const at = key === undefined ? -1 : text.search(new RegExp(`"id"\\s*:\\s*${escapeRegExp(JSON.stringify(item['id']))}`))
    return { key, item: normalise(item), offset: at === -1 ? undefined : at }
  })
}

/** Read a CSL-YAML file (`references:` with a list of items, as pandoc writes it, or a bare list). */
export function readCslYaml(file: VFile): ParsedEntry[] {
  const lineCounter = new LineCounter()
  const doc = parseDocument(String(file.value), { lineCounter, prettyErrors: false })
  const [error] = doc.errors
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0])
    const message = file.message(`${file.basename} is not valid YAML: ${error.message.split('\n')[0]}`, {
      place: { line, column: col },
      ruleId: 'bibliography-syntax',
      source: 'samizdat',
    })
    message.fatal = true
    return []
  }
  const root = doc.contents
  const list = isMap(root) ? root.get('references', true) : root
  const offsets = isSeq(list) ? list.items.map((node) => (node as { range?: [number, number, number] }).range?.[0]) : []
  const items = itemsOf(doc.toJS(), file)
  return items.map((item, index) => ({ key: keyOf(item), item: normalise(item), offset: offsets[index] }))
}

function itemsOf(data: unknown, file: VFile): Record<string, unknown>[] {
  const list = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data['references']) ? data['references'] : isRecord(data) ? [data] : []
  const items = list.filter(isRecord)
  if (items.length < list.length || (list.length === 0 && data !== null && data !== undefined)) {
    const message = file.message(`${file.basename} should hold a list of CSL items (objects with \`id\`, \`type\`, \`title\` …)`, {
      ruleId: 'bibliography-syntax',
      source: 'samizdat',
    })
    message.fatal = true
  }
  return items
}

function keyOf(item: Record<string, unknown>): string | undefined {
  const id = item['id'] ?? item['citation-key']
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined
}

/** Dates written as `2001` or `2001-05-03` (pandoc's CSL-YAML allows it) become CSL `date-parts`. */
function normalise(item: Record<string, unknown>): CslItem {
  const result: Record<string, unknown> = { ...item }
  for (const field of dateFields) {
    const value = result[field]
    if (typeof value === 'number' || typeof value === 'string' || value instanceof Date) {
      const raw = value instanceof Date ? value.toISOString().slice(0, 10) : String(value)
      const parts = /^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$/.exec(raw)
      result[field] = parts ? { 'date-parts': [parts.slice(1).filter(Boolean).map(Number)] } : { raw }
    } else if (Array.isArray(value) && value.every(isRecord)) {
      // pandoc-citeproc's old form: `issued: [{year: 2001, month: 5}]`.
      result[field] = { 'date-parts': value.map((date) => [date['year'], date['month'], date['day']].filter((part) => part !== undefined).map(Number)) }
    }
  }
  return { ...result, id: keyOf(item) ?? '' }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
