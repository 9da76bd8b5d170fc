import path from 'node:path'
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { codeFrame } from './code-frame.ts'

/** Options for {@link reportFiles}. */
export interface ReportOptions {
  /** Count warnings as failures (`--strict`). */
  readonly strict: boolean
  readonly color?: boolean
  /** Paths are printed relative to this folder (default: the working directory). */
  readonly cwd?: string
}

/** The printed report and what it counted. */
export interface Report {
  /** Every message, one block each, then a count line; empty when there is nothing to say. */
  readonly text: string
  /** An error, or a warning under `strict`. */
  readonly failed: boolean
  readonly errors: number
  readonly warnings: number
}

const paint = (code: number, reset: number) => (text: string, color: boolean) => (color ? `\x1b[${code}m${text}\x1b[${reset}m` : text)
const red = paint(31, 39)
const yellow = paint(33, 39)
const dim = paint(2, 22)

/**
 * Print every file's messages together, one line each in the
 * `file:line:col  severity  message  rule` shape (paths relative to the
 * working directory, so editors and terminals can jump to them), with a code
 * frame under errors and under every `book.yaml` problem, and say whether the
 * build failed.
 */
export function reportFiles(files: readonly VFile[], options: ReportOptions): Report {
  const color = options.color ?? false
  const cwd = options.cwd ?? process.cwd()
  const entries = files.flatMap((file) => [...file.messages].sort(byPlace).map((message) => ({ file, message })))
  const errors = entries.filter(({ message }) => message.fatal === true).length
  const warnings = entries.filter(({ message }) => message.fatal === false).length
  const failed = errors > 0 || (options.strict && warnings > 0)
  if (entries.length === 0) return { text: '', failed, errors, warnings }
  const heads = entries.map(({ file, message }) => ({ where: location(file, message, cwd), severity: severityOf(message) }))
  const whereWidth = Math.min(48, Math.max(...heads.map((head) => head.where.length)))
  const blocks = entries.map(({ file, message }, index) => {
    const { where, severity } = heads[index]!
    const label = severity === 'error' ? red(severity.padEnd(7), color) : severity === 'warning' ? yellow(severity.padEnd(7), color) : severity.padEnd(7)
    const rule = message.ruleId ? `  ${dim(message.ruleId, color)}` : ''
    const lines = [`${where.padEnd(whereWidth)}  ${label}  ${reasonOf(message)}${rule}`]
    if (message.note) lines.push(indent(message.note))
    if (message.url) lines.push(indent(`see ${message.url}`))
    const frame = wantsFrame(file, message) ? frameOf(file, message, color) : undefined
    if (frame) lines.push(frame, '')
    return lines.join('\n')
  })
  const counts = [plural(errors, 'error'), plural(warnings, 'warning')].join(', ')
  const summary = failed ? red(`✖ ${counts}`, color) : yellow(`⚠ ${counts}`, color)
  const strictNote = options.strict && errors === 0 && warnings > 0 ? ' (warnings count as errors: strict is on)' : ''
  return { text: `${blocks.join('\n').replace(/\n+$/, '')}\n\n${summary}${strictNote}`, failed, errors, warnings }
}

/** `manuscript/01-intro.md:12:5`, relative to `cwd`; just the path when the message has no place. */
function location(file: VFile, message: VFileMessage, cwd: string): string {
  const absolute = file.path ? path.resolve(file.cwd, file.path) : ''
  const shown = absolute ? path.relative(cwd, absolute) || '.' : '<input>'
  const start = message.place && 'start' in message.place ? message.place.start : message.place
  return start?.line ? `${shown}:${start.line}:${start.column ?? 1}` : shown
}

function severityOf(message: VFileMessage): 'error' | 'warning' | 'info' {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
}

/** The reason, with the suggestions a stage offered (`expected`) when the reason does not already name them. */
function reasonOf(message: VFileMessage): string {
  const expected = message.expected?.filter((value) => !message.reason.includes(value)) ?? []
  if (expected.length === 0) return message.reason
  return `${message.reason} (did you mean ${expected.map((value) => `\`${value}\``).join(' or ')}?)`
}

/** Frames for errors and for configuration problems: a writer fixes those by looking at the exact spot. */
function wantsFrame(file: VFile, message: VFileMessage): boolean {
  return message.fatal === true || /\.ya?ml$/i.test(file.path ?? '')
}

function frameOf(file: VFile, message: VFileMessage, color: boolean): string | undefined {
  const place = message.place
  if (!place || typeof file.value !== 'string' || file.value === '') return undefined
  const start = 'start' in place ? place.start : place
  const end = 'end' in place ? place.end : undefined
  if (!start.line) return undefined
  return codeFrame(file.value, start, end, { color })
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n')
}

function byPlace(a: VFileMessage, b: VFileMessage): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
