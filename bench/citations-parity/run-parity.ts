import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildPandoc, buildSamizdat } from './build-both.ts'
import { extractCitations, type PrintedCitations } from './extract-citations.ts'
import { writeParityBook } from './parity-book.ts'

// `npm run citations:parity [style…]`: a book citing every entry of biblatex's
// example database, built with samizdat and with `pandoc --citeproc` in each
// style; every difference printed, as documented (documented-differences.txt)
// or not (a samizdat bug). Exits 1 when any difference is undocumented.

const corpus = process.env['SAMIZDAT_CORPUS'] ?? path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus')
const bib = path.join(corpus, 'biblatex', 'biblatex-examples.bib')
const stylesDir = '/usr/share/citation-style-language/styles'
const allStyles = [
  'chicago-note-bibliography',
  'chicago-author-date',
  'apa',
  'modern-language-association',
  'ieee',
  'harvard-cite-them-right',
  'oscola',
  'chicago-fullnote-bibliography',
]

interface Documented {
  readonly kind: string
  readonly pattern: RegExp
  readonly reason: string
}

function documented(): Documented[] {
  return readFileSync(path.join(import.meta.dirname, 'documented-differences.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [kind = '', pattern = '', ...reason] = line.split(' | ')
      return { kind: kind.trim(), pattern: new RegExp(pattern.trim()), reason: reason.join(' | ').trim() }
    })
}

/** Each difference as `what key`, samizdat's text, pandoc's text. */
function differences(ours: PrintedCitations, theirs: PrintedCitations): Array<[string, string, string]> {
  const found: Array<[string, string, string]> = []
  const list = (what: string, a: readonly string[], b: readonly string[]) => {
    for (let at = 0; at < Math.max(a.length, b.length); at += 1) if (a[at] !== b[at]) found.push([`${what} ${at + 1}`, a[at] ?? '(none)', b[at] ?? '(none)'])
  }
  list('citation', ours.citations, theirs.citations)
  list('citation in a footnote', ours.inNotes, theirs.inNotes)
  for (const key of new Set([...ours.entries.keys(), ...theirs.entries.keys()])) {
    const [a, b] = [ours.entries.get(key), theirs.entries.get(key)]
    if (a !== b) found.push([`entry ${key}`, a ?? '(none)', b ?? '(none)'])
  }
  return found
}

const styles = process.argv.slice(2).length > 0 ? process.argv.slice(2) : allStyles
// Works only: biblatex's @set groups other entries and @xdata lends them fields.
const keys = [...readFileSync(bib, 'utf8').matchAll(/^@(\w+)\s*\{([^,\s]+),/gm)].filter((match) => !/^(string|preamble|comment|set|xdata)$/i.test(match[1]!)).map((match) => match[2]!)
const work = mkdtempSync(path.join(tmpdir(), 'samizdat-parity-'))
const kinds = documented()
let undocumented = 0
try {
  const chapters = writeParityBook(path.join(work, 'book'), bib, keys)
  for (const style of styles) {
    const csl = path.join(stylesDir, `${style}.csl`)
    const isNoteStyle = /<style\b[^>]*\bclass="note"/.test(readFileSync(csl, 'utf8'))
    const ours = extractCitations(buildSamizdat(path.join(work, 'book'), csl, path.join(work, `out-${style}`)), isNoteStyle)
    const theirs = extractCitations(buildPandoc(path.join(work, 'book'), chapters, csl), isNoteStyle)
    const found = differences(ours, theirs)
    const counts = new Map<string, number>()
    const lines: string[] = []
    for (const [what, a, b] of found) {
      const kind = kinds.find((each) => each.pattern.test(`${what}\n${a}\n${b}`))
      const label = kind ? `${kind.kind}: ${kind.reason.slice(0, 60)}…` : 'SAMIZDAT BUG (undocumented)'
      counts.set(label, (counts.get(label) ?? 0) + 1)
      if (!kind) {
        undocumented += 1
        lines.push(`  ${what}\n    samizdat ${a}\n    pandoc   ${b}`)
      }
    }
    console.log(`\n${style}: ${ours.citations.length + ours.inNotes.length} citations, ${ours.entries.size} entries; ${found.length} differences`)
    for (const [label, count] of counts) console.log(`  ${String(count).padStart(3)}  ${label}`)
    if (lines.length > 0) console.log(lines.join('\n'))
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
console.log(`\n${undocumented} undocumented difference(s) in ${styles.length} style(s); ${kinds.length} documented kinds`)
process.exitCode = undocumented > 0 ? 1 : 0
