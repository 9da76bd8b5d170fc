/** A cell of a simple or multiline table: its text lines, and where its first line starts (0-based). */
export interface TableCellText {
  readonly text: string
  readonly line: number
  readonly column: number
}

/** A pandoc simple or multiline table, read from its lines. */
export interface TableLayout {
  readonly align: readonly ('left' | 'right' | 'center' | null)[]
  readonly head: readonly TableCellText[] | undefined
  readonly rows: readonly (readonly TableCellText[])[]
}

/** A line of dashes in groups separated by spaces: the column rule of a simple or multiline table. */
export function dashGroups(line: string): [start: number, end: number][] | undefined {
  if (!/^ *-[- ]*$/.test(line) || !line.includes('---')) return undefined
  const groups: [number, number][] = []
  for (const match of line.matchAll(/-+/g)) groups.push([match.index, match.index + match[0].length])
  return groups
}

const blank = (line: string) => line.trim() === ''

/**
 * Read pandoc's simple and multiline tables
 * (https://pandoc.org/MANUAL.html#extension-simple_tables,
 * https://pandoc.org/MANUAL.html#extension-multiline_tables) from their
 * lines (no trailing blank line): a header line over a dash rule and one row
 * a line; a dash line, header lines, the dash rule, rows separated by blank
 * lines and a closing dash line; or either without header, between two dash
 * lines. Columns run from each dash group's start to the next one's;
 * alignment comes from where the header (else the first row) sits on its
 * dashes. Undefined when the lines are none of these.
 */
export function readPandocTable(lines: readonly string[]): TableLayout | undefined {
  if (lines.length < 2) return undefined
  const first = dashGroups(lines[0]!)
  if (!first) return simpleWithHeader(lines)
  const closing = dashGroups(lines.at(-1)!)
  if (lines.length < 3 || !closing) return undefined
  const rule = lines.findIndex((line, index) => index > 0 && index < lines.length - 1 && dashGroups(line) !== undefined)
  // A full dash line, header lines, the column rule: a multiline table with a header.
  if (first.length === 1 && rule > 1 && !lines.slice(1, rule).some(blank)) {
    const columns = dashGroups(lines[rule]!)!
    const body = lines.slice(rule + 1, -1)
    if (body.length === 0 || blank(body[0]!)) return undefined
    const head = multilineRow(lines.slice(1, rule), 1, columns)
    return { align: alignments(lines.slice(1, rule), columns), head, rows: multilineRows(body, rule + 1, columns) }
  }
  if (rule !== -1) return undefined
  const body = lines.slice(1, -1)
  if (blank(body[0]!) || blank(body.at(-1)!)) return undefined
  const rows = body.some(blank) ? multilineRows(body, 1, first) : body.map((line, index) => cells(line, index + 1, first))
  return { align: alignments([body[0]!], first), head: undefined, rows }
}

function simpleWithHeader(lines: readonly string[]): TableLayout | undefined {
  const columns = dashGroups(lines[1]!)
  if (!columns || blank(lines[0]!) || lines.slice(2).some(blank)) return undefined
  // A closing dash line is allowed (pandoc's), and not a row.
  const rows = lines.slice(2)
  if (rows.length > 0 && dashGroups(rows.at(-1)!)) rows.pop()
  return { align: alignments([lines[0]!], columns), head: cells(lines[0]!, 0, columns), rows: rows.map((line, index) => cells(line, index + 2, columns)) }
}

/** One line cut at the columns. */
function cells(line: string, lineIndex: number, columns: readonly [number, number][]): TableCellText[] {
  return columns.map(([start], index) => {
    const end = index + 1 < columns.length ? columns[index + 1]![0] : line.length
    const raw = line.slice(index === 0 ? 0 : start, end)
    const lead = raw.length - raw.trimStart().length
    return { text: raw.trim(), line: lineIndex, column: (index === 0 ? 0 : start) + lead }
  })
}

/** Rows separated by blank lines, each row's lines joined per column. */
function multilineRows(lines: readonly string[], firstLine: number, columns: readonly [number, number][]): TableCellText[][] {
  const rows: TableCellText[][] = []
  let start = 0
  for (let index = 0; index <= lines.length; index += 1) {
    if (index < lines.length && !blank(lines[index]!)) continue
    if (index > start) rows.push(multilineRow(lines.slice(start, index), firstLine + start, columns))
    start = index + 1
  }
  return rows
}

function multilineRow(lines: readonly string[], firstLine: number, columns: readonly [number, number][]): TableCellText[] {
  const perLine = lines.map((line, index) => cells(line, firstLine + index, columns))
  return columns.map((_, column) => {
    const parts = perLine.map((row) => row[column]!).filter((cell) => cell.text !== '')
    const first = parts[0] ?? perLine[0]![column]!
    return { text: parts.map((cell) => cell.text).join('\n'), line: first.line, column: first.column }
  })
}

/** Pandoc's rule: text flush with its dashes on the left only is left-aligned, on the right only right-aligned, on neither centred, on both the default. */
function alignments(lines: readonly string[], columns: readonly [number, number][]): ('left' | 'right' | 'center' | null)[] {
  return columns.map(([start, end], index) => {
    let textStart = Number.POSITIVE_INFINITY
    let textEnd = -1
    const limit = index + 1 < columns.length ? columns[index + 1]![0] : Number.POSITIVE_INFINITY
    for (const line of lines) {
      const segment = line.slice(index === 0 ? 0 : start, Math.min(limit, line.length))
      const offset = index === 0 ? 0 : start
      const lead = segment.search(/\S/)
      if (lead === -1) continue
      textStart = Math.min(textStart, offset + lead)
      textEnd = Math.max(textEnd, offset + segment.trimEnd().length)
    }
    if (textEnd === -1) return null
    const left = textStart <= start
    const right = textEnd >= end
    return left && right ? null : left ? 'left' : right ? 'right' : 'center'
  })
}
