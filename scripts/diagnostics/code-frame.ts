/** A line and column in a source file, both 1-based (unist `Point`). */
export interface FramePoint {
  readonly line: number
  readonly column: number
}

/** Options for {@link codeFrame}. */
export interface CodeFrameOptions {
  /** Lines to show before and after the marked line. */
  readonly context?: number
  readonly color?: boolean
}

const dim = (text: string, color: boolean) => (color ? `\x1b[2m${text}\x1b[22m` : text)
const red = (text: string, color: boolean) => (color ? `\x1b[31m${text}\x1b[39m` : text)

/**
 * The source lines around `start`, numbered, with a caret line under the
 * marked columns, in the shape babel and vivliostyle-cli print:
 *
 * ```
 *   2 | autor: Misspelt Key
 * > 3 | pageSize: A3
 *     |           ^^
 * ```
 */
export function codeFrame(source: string, start: FramePoint, end: FramePoint | undefined, options: CodeFrameOptions = {}): string {
  const lines = source.split(/\r?\n/)
  // A final newline ends the last line; it does not start an empty one worth showing.
  if (lines.length > 1 && lines.at(-1) === '') lines.pop()
  const color = options.color ?? false
  const context = options.context ?? 1
  const target = Math.min(Math.max(start.line, 1), lines.length)
  const first = Math.max(1, target - context)
  const last = Math.min(lines.length, target + context)
  const width = String(last).length
  const frame: string[] = []
  for (let number = first; number <= last; number++) {
    const text = lines[number - 1] ?? ''
    const gutter = `${String(number).padStart(width)} |`
    if (number !== target) {
      frame.push(dim(`  ${gutter}${text ? ` ${text}` : ''}`, color))
      continue
    }
    frame.push(`${red('>', color)} ${gutter}${text ? ` ${text}` : ''}`)
    frame.push(`  ${' '.repeat(width)} | ${caretLine(text, start, end)}`.replace(/\^+$/, (carets) => red(carets, color)))
  }
  return frame.join('\n')
}

/** Spaces up to the start column (tabs kept, so the caret lines up), then one caret per marked character. */
function caretLine(text: string, start: FramePoint, end: FramePoint | undefined): string {
  const from = Math.min(Math.max(start.column, 1), text.length + 1)
  // A range over several lines is marked to the end of its first line.
  const to = end && end.line === start.line ? Math.max(end.column, from + 1) : end ? text.length + 1 : from + 1
  const pad = text.slice(0, from - 1).replace(/[^\t]/g, ' ')
  return pad + '^'.repeat(Math.max(1, Math.min(to, text.length + 1) - from))
}
