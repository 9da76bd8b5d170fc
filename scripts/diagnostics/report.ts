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
  /** Print every warning; otherwise each rule's first few, then one line for the rest (`--verbose`). */
  readonly verbose?: boolean
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
  const all = files.flatMap((file) => [...file.messages].sort(byPlace).map((message) => ({ file, message })))
  const errors = all.filter(({ message }) => message.fatal === true).length
  const warnings = all.filter(({ message }) => message.fatal === false).length
  const failed = errors > 0 || (options.strict && warnings > 0)
  if (all.length === 0) return { text: '', failed, errors, warnings }
  const { shown: entries, hidden } = options.verbose ? { shown: all, hidden: new Map<string, number>() } : firstOfEachRule(all)
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
  const more = [...hidden].map(([rule, count]) => dim(`… ${count} more ${rule} message${count === 1 ? '' : 's'} (first ${perRule} shown; \`--verbose\` for all)`, color))
  const counts = [plural(errors, 'error'), plural(warnings, 'warning')].join(', ')
  const summary = failed ? red(`✖ ${counts}`, color) : yellow(`⚠ ${counts}`, color)
  const strictNote = options.strict && errors === 0 && warnings > 0 ? ' (warnings count as errors: strict is on)' : ''
  const byRule = ruleCounts(all)
  const tail = byRule.length > 1 ? `\n${byRule.map(([rule, count]) => `  ${String(count).padStart(5)}  ${rule}`).join('\n')}` : ''
  const body = [blocks.join('\n').replace(/\n+$/, ''), ...(more.length > 0 ? ['', ...more] : [])].join('\n')
  return { text: `${body}\n\n${summary}${strictNote}${tail}`, failed, errors, warnings }
}

/** Messages of one rule printed in full before the rest are counted (errors are always printed). */
const perRule = 5

type Entry = { readonly file: VFile; readonly message: VFileMessage }

/** Each rule's first {@link perRule} warnings and infos, every error, and how many of each rule were left out. */
function firstOfEachRule(entries: readonly Entry[]): { shown: Entry[]; hidden: Map<string, number> } {
  const seen = new Map<string, number>()
  const hidden = new Map<string, number>()
  const shown = entries.filter(({ message }) => {
    if (message.fatal === true || !message.ruleId) return true
    const count = (seen.get(message.ruleId) ?? 0) + 1
    seen.set(message.ruleId, count)
    if (count <= perRule) return true
    hidden.set(message.ruleId, (hidden.get(message.ruleId) ?? 0) + 1)
    return false
  })
  return { shown, hidden }
}

/** How many messages each rule gave, most first. */
function ruleCounts(entries: readonly Entry[]): [string, number][] {
  const counts = new Map<string, number>()
  for (const { message } of entries) counts.set(message.ruleId ?? 'other', (counts.get(message.ruleId ?? 'other') ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
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
