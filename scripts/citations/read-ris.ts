import { type CslItem, plugins } from '@citation-js/core'
import '@citation-js/plugin-ris'
import type { VFile } from 'vfile'
import { pointLocator } from './point-locator.ts'
import type { ParsedEntry } from './read-bibtex.ts'

const tagLine = /^([A-Z][A-Z0-9]) {2}-(?: (.*))?$/

/**
 * Read an RIS file with citation-js. RIS records start at `TY  -` and end at
 * `ER  -`; a record without an end, or text outside records, is reported
 * (`bibliography-syntax`) with its line, and the well-formed records are read.
 */
export function readRis(file: VFile): ParsedEntry[] {
  const text = String(file.value).replace(/^\uFEFF/, '')
  const locate = pointLocator(text)
  const records: { offset: number; text: string }[] = []
  let open: { offset: number; lines: string[] } | undefined
  let offset = 0
  const problem = (at: number, reason: string) => {
    const message = file.message(reason, { place: locate(at), ruleId: 'bibliography-syntax', source: 'samizdat' })
    message.fatal = true
  }
  for (const line of text.split('\n')) {
    const content = line.replace(/\r$/, '')
    const tag = tagLine.exec(content)?.[1]
    if (tag === 'TY') {
      if (open) problem(open.offset, `This RIS record in ${file.basename} has no \`ER  -\` line before the next \`TY  -\`; it is left out`)
      open = { offset, lines: [content] }
    } else if (open) {
      open.lines.push(content)
      if (tag === 'ER') {
        records.push({ offset: open.offset, text: open.lines.join('\n') })
        open = undefined
      }
    } else if (content.trim() !== '') {
      problem(offset, `Unexpected text outside an RIS record in ${file.basename}: records start with \`TY  - \` and end with \`ER  - \``)
    }
    offset += line.length + 1
  }
  if (open) problem(open.offset, `This RIS record in ${file.basename} has no closing \`ER  -\` line; it is left out`)
  return records.flatMap((record) => {
    const items = plugins.input.chain(`${record.text}\n`, { forceType: '@ris/file', target: '@csl/list+object', generateGraph: false })
    return (items as CslItem[]).map((item) => {
      const key = typeof item.id === 'string' && item.id !== '' ? item.id : undefined
      return { key, item, offset: record.offset }
    })
  })
}
