import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Code, InlineCode, Root, Text } from 'mdast'
import type { Plugin } from 'unified'
import type { Point } from 'unist'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'

declare module 'vfile' {
  interface DataMap {
    /** The files a chapter's `{{#include}}`s read, with a hash of their bytes (null: not there): a cached parse is stale when one changed. */
    includes: Array<{ path: string; hash: string | null }>
  }
}

/** The hash {@link DataMap.includes} records for a file's bytes. */
export const includeHash = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

// https://rust-lang.github.io/mdBook/format/mdbook.html#including-files
const directive = /\{\{\s*#(include|rustdoc_include|playground|title)\s+([^}]*?)\s*\}\}/g

/**
 * mdBook's directives, resolved as mdBook does before Markdown is read:
 * `{{#include file}}`, `{{#rustdoc_include file}}` and `{{#playground file}}`
 * (with `:N`, `:N:M`, `::M`, `:N:` line ranges and `:anchor` anchors) put
 * the file's text in place, in code blocks and in text; `{{#title …}}` names
 * a web page and is dropped. A file outside the book folder, or missing,
 * is reported at the directive and its directive removed: never printed.
 */
const remarkMdbookDirectives: Plugin<[], Root> = () => (tree, file) => {
  const root = file.cwd
  const from = file.path ? path.dirname(file.path) : root
  visit(tree, (node) => {
    if (node.type !== 'code' && node.type !== 'text' && node.type !== 'inlineCode') return
    const literal = node as Code | Text | InlineCode
    if (!literal.value.includes('{{')) return
    literal.value = literal.value.replace(directive, (_match, kind: string, argument: string, offset: number) => {
      if (kind === 'title') return ''
      const place = placeOf(literal, offset)
      return include(argument, { root, from, file, place }) ?? ''
    })
    if (node.type === 'code') literal.value = literal.value.replace(/^\n+|\n+$/g, '')
  })
}

function include(argument: string, context: { root: string; from: string; file: VFile; place: Point | undefined }): string | undefined {
  const [target = '', ...range] = argument.trim().split(/\s+/)[0]!.split(':')
  const resolved = path.resolve(context.from, target)
  const relative = path.relative(context.root, resolved)
  const warn = (reason: string) => context.file.message(reason, { place: context.place, ruleId: 'mdbook-include', source: 'samizdat' })
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    warn(`\`{{#include ${argument}}}\` points outside the book folder, so its text is left out: copy \`${target}\` into the book folder and include it from there`)
    return undefined
  }
  const includes = (context.file.data.includes ??= [])
  if (!existsSync(resolved) || !statSync(resolved).isFile()) {
    includes.push({ path: resolved, hash: null })
    warn(`\`{{#include ${argument}}}\` names \`${target}\`, which is not there, so its text is left out: fix the path`)
    return undefined
  }
  const bytes = readFileSync(resolved)
  includes.push({ path: resolved, hash: includeHash(bytes) })
  const lines = new TextDecoder().decode(bytes).replace(/\n$/, '').split('\n')
  return select(lines, range).filter((line) => !/ANCHOR(_END)?:/.test(line)).join('\n')
}

/** mdBook's line ranges (`3`, `3:7`, `:7`, `3:`, 1-based and inclusive) and anchors (`ANCHOR: name` … `ANCHOR_END: name`). */
function select(lines: readonly string[], range: readonly string[]): readonly string[] {
  if (range.length === 0 || (range.length === 1 && range[0] === '')) return lines
  const [start = '', end] = range
  if (/^\d*$/.test(start) && (end === undefined || /^\d*$/.test(end))) {
    const first = start === '' ? 0 : Number(start) - 1
    const last = end === undefined ? (start === '' ? lines.length : first + 1) : end === '' ? lines.length : Number(end)
    return lines.slice(first, last)
  }
  const begin = lines.findIndex((line) => new RegExp(`ANCHOR:\\s*${escapeRegExp(start)}\\b`).test(line))
  const finish = lines.findIndex((line, index) => index > begin && new RegExp(`ANCHOR_END:\\s*${escapeRegExp(start)}\\b`).test(line))
  return begin === -1 ? [] : lines.slice(begin + 1, finish === -1 ? lines.length : finish)
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Where a directive is: a code block's fence line plus the lines before it in the block, else the node's start. */
function placeOf(node: Code | Text | InlineCode, offset: number): Point | undefined {
  const start = node.position?.start
  if (!start) return undefined
  if (node.type !== 'code') return start
  const before = node.value.slice(0, offset).split('\n')
  return { line: start.line + before.length, column: (before.at(-1)?.length ?? 0) + 1 }
}

export default remarkMdbookDirectives
