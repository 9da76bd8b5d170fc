import type { Element, Root } from 'hast'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import type { BookTree, PageStart } from '../lib/book-model.ts'
import { eachElement } from '../lib/each-element.ts'
import type { PageMeasures, TypesettingFinding, TypesettingRule } from './layout/measure-typesetting.ts'

/** A finding as reported: its page (physical and folio) and the manuscript place of its text block. */
export interface ReportedFinding extends TypesettingFinding {
  readonly folio: string
  /** The manuscript file and line of the block, when it has one (a bibliography entry has none). */
  readonly file?: string
  readonly line?: number
  readonly column?: number
}

/** The typesetting report of one print edition (written as `book.report.json`). */
export interface TypesettingReport {
  readonly pages: number
  readonly lines: number
  readonly hyphenatedLines: number
  /** Hyphenated lines over all lines, in per cent. */
  readonly hyphenatedPercent: number
  /** The median word space of justified lines, in CSS px. */
  readonly medianSpace: number
  /** Lines whose widest word space is more than twice the median, in per cent of all lines. */
  readonly looseLinesPercent: number
  /** The widest word space of any line over the median. */
  readonly worstSpaceRatio: number
  readonly counts: Readonly<Record<TypesettingRule, number>>
  readonly findings: readonly ReportedFinding[]
}

/** The rules in the order the report lists them, each with what it means and what to do. */
export const typesettingRules: Readonly<Record<TypesettingRule, { readonly label: string; readonly advice: string }>> = {
  widow: { label: 'widows', advice: 'the last line of a paragraph stands alone at the top of the page; shorten or lengthen the paragraph by a few words' },
  orphan: { label: 'orphans', advice: 'the first line of a paragraph stands alone at the foot of the page; shorten or lengthen the text before it' },
  'hyphen-at-recto-end': { label: 'hyphens at a recto’s end', advice: 'a word is broken over the leaf turn; rephrase the line or keep the word whole with {.no-hyphens}' },
  'hyphen-ladder': { label: 'runs of 3+ hyphenated lines', advice: 'three lines in a row end in a hyphen; rephrase one of them' },
  'loose-line': { label: 'loose lines (spaces > 2× median)', advice: 'the word spaces of this line are stretched to more than twice the median (a long word or URL that could not break, or too few break points); rephrase or allow a break' },
  'underfull-page': { label: 'pages under 75 % full', advice: 'the page is less than three-quarters full though its chapter goes on; something that could not be split went to the next page' },
  'stranded-heading': { label: 'headings last on a page', advice: 'a heading ends the page, apart from its text' },
  'stranded-lead-in': { label: 'lead-ins (“:”) last on a page', advice: 'a block ending in “:” ends the page, apart from what it introduces' },
  'split-verse': { label: 'short verse split', advice: 'a poem of 8 lines or fewer is split over two pages' },
  'unrepeated-table-header': { label: 'table headers not repeated', advice: 'a table goes on from the page before without its header row' },
  'overfull-line': { label: 'overfull lines', advice: 'the line runs past the measure; a long word or URL could not break' },
}

/**
 * Set the measures of the print layout against the whole book: word spaces
 * over twice the book's median make a loose line; each finding gets its folio
 * and the manuscript line of its text block, and becomes a warning on that
 * chapter's file (or on `pdfFile` for text with no manuscript place).
 */
export function typesettingReport(measures: PageMeasures, tree: BookTree, pageStarts: readonly PageStart[], pdfFile: VFile): TypesettingReport {
  const median = medianSpace(measures.spaces)
  const places = blockPlaces(tree)
  const findings: ReportedFinding[] = []
  let worst = 0
  for (const finding of measures.findings) {
    let kept: TypesettingFinding = finding
    if (finding.rule === 'loose-line') {
      const ratio = median > 0 ? (finding.value ?? 0) / median : 0
      if (ratio <= 2) continue
      worst = Math.max(worst, ratio)
      kept = { ...finding, value: Math.round(ratio * 10) / 10 }
    }
    const place = finding.sid === null ? undefined : places.get(finding.sid)
    const folio = pageStarts[finding.page - 1]?.folio ?? String(finding.page)
    const start = place?.position?.start
    findings.push({
      ...kept,
      folio,
      ...(place ? { file: place.file.path } : {}),
      ...(start ? { line: start.line, column: start.column } : {}),
    })
    const target = place?.file ?? pdfFile
    const value = kept.rule === 'loose-line' ? ` (${kept.value}× the median space)` : kept.rule === 'underfull-page' ? ` (${Math.round((kept.value ?? 0) * 100)} % full)` : ''
    target.message(`Page ${finding.page} (folio ${folio}): ${typesettingRules[kept.rule].advice}${value}: “${kept.text}”`, {
      ...(place?.position ? { place: place.position } : {}),
      ruleId: kept.rule,
      source: 'samizdat-typesetting',
    })
  }
  const counts = Object.fromEntries(Object.keys(typesettingRules).map((rule) => [rule, findings.filter((finding) => finding.rule === rule).length])) as Record<
    TypesettingRule,
    number
  >
  const percent = (part: number) => (measures.lines > 0 ? Math.round((part / measures.lines) * 1000) / 10 : 0)
  return {
    pages: measures.pages,
    lines: measures.lines,
    hyphenatedLines: measures.hyphenated,
    hyphenatedPercent: percent(measures.hyphenated),
    medianSpace: median,
    looseLinesPercent: percent(counts['loose-line']),
    worstSpaceRatio: Math.round(worst * 10) / 10,
    counts,
    findings,
  }
}

/** The report as a table for the terminal and the README. */
export function formatTypesettingReport(report: TypesettingReport): string {
  const rows: [string, string][] = [
    ['pages', String(report.pages)],
    ['lines', String(report.lines)],
    ['hyphenated lines', `${report.hyphenatedLines} (${report.hyphenatedPercent} %)`],
    ...Object.entries(typesettingRules).map(([rule, { label }]): [string, string] => [label, String(report.counts[rule as TypesettingRule])]),
    ['loose lines, share', `${report.looseLinesPercent} % (worst ${report.worstSpaceRatio}× the median space)`],
  ]
  const width = Math.max(...rows.map(([label]) => label.length))
  return ['Typesetting report', ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n')
}

/** The median word space from its histogram (tenths of a px → px). */
export function medianSpace(histogram: Readonly<Record<string, number>>): number {
  const entries = Object.entries(histogram)
    .map(([key, count]) => [Number(key), count] as const)
    .sort((a, b) => a[0] - b[0])
  const total = entries.reduce((sum, [, count]) => sum + count, 0)
  let seen = 0
  for (const [key, count] of entries) {
    seen += count
    if (seen * 2 >= total) return key / 10
  }
  return 0
}

// Every text block's manuscript place and file, by its data-sid.
function blockPlaces(tree: BookTree): Map<string, { file: VFile; position: Position | undefined }> {
  const places = new Map<string, { file: VFile; position: Position | undefined }>()
  for (const chapter of tree.chapters) {
    eachElement(chapter.hast as Root, (node: Element) => {
      const sid = node.properties['dataSid']
      if (sid !== undefined && sid !== null) places.set(String(sid), { file: chapter.file, position: node.position })
      return undefined
    })
  }
  return places
}
