import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseBenchArgs } from '../../../bench/bench-args.ts'
import { failureSummary } from '../../../bench/failure-summary.ts'
import { median } from '../../../bench/format.ts'
import { pageChecks } from '../../../bench/page-checks.ts'
import { renderReport } from '../../../bench/report.ts'
import type { ResultsFile, RunRecord, ScaleRecord, ToolRecord } from '../../../bench/results.ts'
import { samizdatStages } from '../../../bench/samizdat-stages.ts'
import { summariseTool } from '../../../bench/summarise.ts'
import { evaluateTargets } from '../../../bench/targets.ts'
import type { ToolId } from '../../../bench/tools.ts'

const gib = 1024 ** 3

function run(wallMs: number, extra: Partial<RunRecord> = {}): RunRecord {
  return { run: 1, status: 'ok', valid: true, wallMs, peakRssBytes: gib, peakPssBytes: gib / 2, peakProcesses: 5, leftover: 0, problems: [], notes: [], ...extra }
}

function tool(id: ToolId, runs: RunRecord[]): ToolRecord {
  return { id, label: id, runs }
}

function scale(id: ScaleRecord['scale'], tools: ToolRecord[]): ScaleRecord {
  const machine = { cpus: 2, cpuModel: 'cpu', memoryBytes: 8 * gib, node: '20', chromium: 'Chromium 156', pandoc: 'pandoc 2.17', pagedjsCli: '0.4.3', samizdatCommit: 'abc' }
  return { scale: id, label: id, copies: 10, chapters: 50, runsPerTool: 3, limitSeconds: 900, startedAt: 's', finishedAt: 'f', loadBefore: [1, 1, 1], loadAfter: [2, 2, 2], machine, printHtmlSeconds: 3, tools, checks: pageChecks(tools) }
}

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    assert.equal(median([3, 1, 2]), 2)
    assert.equal(median([4, 1, 3, 2]), 2.5)
    assert.equal(median([]), undefined)
  })
})

describe('summariseTool', () => {
  it('takes the median of the valid runs, the highest peak of all, and pages per second', () => {
    const summary = summariseTool(tool('samizdat-pdf', [run(10_000, { pages: 570 }), run(30_000, { status: 'timeout', valid: false, peakRssBytes: 3 * gib }), run(20_000, { pages: 570 })]))
    assert.equal(summary.medianMs, 15_000)
    assert.equal(summary.peakRssBytes, 3 * gib)
    assert.equal(summary.pagesPerSecond, 38)
    assert.equal(summary.status, '2 ok, 1 timeout')
    assert.equal(summary.allValid, false)
  })
})

describe('evaluateTargets', () => {
  const results: ResultsFile = {
    updated: 'now',
    scales: {
      '10x': scale('10x', [
        tool('samizdat-pdf', [run(40_000, { pages: 570 })]),
        tool('pagedjs-cli', [run(100_000, { pages: 571 })]),
        tool('chromium', [run(10_000, { pages: 400 })]),
        tool('samizdat-rebuild', [run(20_000)]),
      ]),
      '100x': scale('100x', [tool('samizdat-pdf-epub', [run(600_000, { status: 'timeout', valid: false, peakRssBytes: 5 * gib })])]),
    },
  }
  const byTarget = Object.fromEntries(evaluateTargets(results).map((target) => [target.target, target]))

  it('judges ratios of median wall times', () => {
    assert.equal(byTarget['10× book: samizdat PDF vs pagedjs-cli']?.met, true)
    assert.equal(byTarget["10× book: samizdat PDF vs Chromium's plain print"]?.met, false)
    assert.equal(byTarget['10× book: change one chapter and rebuild, vs the cold build']?.met, false)
  })
  it('counts a timed-out samizdat as missing the targets, memory included', () => {
    assert.equal(byTarget['100× book: PDF and EPUB built']?.met, false)
    assert.equal(byTarget['100× book: wall time (PDF + EPUB)']?.met, false)
    assert.equal(byTarget['100× book: peak memory of the whole process tree']?.met, false)
  })
  it('leaves targets of books not measured open', () => {
    assert.equal(byTarget["default book: EPUB-only build vs pandoc's"]?.met, undefined)
    assert.equal(byTarget["default book: EPUB-only build vs pandoc's"]?.measured, 'not measured')
  })
  it('renders the targets and each book as Markdown tables', () => {
    const report = renderReport(results)
    assert.match(report, /\| 10× book: samizdat PDF vs pagedjs-cli \| ≤ 0\.50× \| 0\.40× \(40\.0 s \/ 100 s\) \| ✓ \|/)
    assert.match(report, /\| samizdat-pdf \/ chromium \| 4\.00× \|/)
    assert.match(report, /check: chromium: 400 pages, samizdat 570 \(more than 25% apart\)/)
  })
})

describe('pageChecks', () => {
  it('flags pagedjs-cli more than 3% off samizdat, and runs that disagree', () => {
    const checks = pageChecks([tool('samizdat-pdf', [run(1, { pages: 100 }), run(1, { pages: 101 })]), tool('pagedjs-cli', [run(1, { pages: 110 })]), tool('chromium', [run(1, { pages: 90 })])])
    assert.deepEqual(checks, ['samizdat-pdf: page count differs between runs (100, 101)', 'pagedjs-cli: 110 pages, samizdat 100 (more than 3% apart)'])
  })
})

describe('samizdatStages', () => {
  it("reads samizdat's stage lines and its own total", () => {
    const stderr = '  ✓ read     4.0 s\n  … pdf      1 pages laid out\n  ✓ pdf      2 min 5 s\n  ✓ html     850 ms\nsamizdat: built, 1 output, 0 errors, 0 warnings, in 11.7 s\n'
    assert.deepEqual(samizdatStages(stderr), { read: 4000, pdf: 125_000, html: 850, 'total (own)': 11_700 })
  })
})

describe('parseBenchArgs', () => {
  it('defaults to every book with its own runs, and --quick to one run of the two small ones', () => {
    assert.deepEqual(parseBenchArgs([]).scales, ['default', '10x', '100x', 'pandoc-book-template', 'phd-thesis', 'pandoc-manual', 'rust-book'])
    assert.equal(parseBenchArgs([]).runs, undefined)
    const quick = parseBenchArgs(['--quick'])
    assert.deepEqual([quick.scales, quick.runs], [['default', '10x'], 1])
  })
  it('reads --only, --runs and --limit, and refuses bad values', () => {
    const args = parseBenchArgs(['--only', '100x,default', '--runs', '2', '--limit', '60'])
    assert.deepEqual([args.scales, args.runs, args.limitMs], [['default', '100x'], 2, 60_000])
    assert.deepEqual(parseBenchArgs(['--only', 'corpus,default']).scales, ['default', 'pandoc-book-template', 'phd-thesis', 'pandoc-manual', 'rust-book'])
    assert.throws(() => parseBenchArgs(['--only', '1000x']), /unknown book `1000x`/)
    assert.throws(() => parseBenchArgs(['--runs', '0']), /positive whole number/)
    assert.throws(() => parseBenchArgs(['--frobnicate']), /Unknown option/)
  })
})

describe('failureSummary', () => {
  it("names pagedjs-cli's protocol timeout instead of a stack frame", () => {
    const stderr = '- Rendering: Page 1\nProtocolError: Runtime.callFunctionOn timed out. Increase the protocolTimeout\n    at new Callback (x.js:1:1)\n'
    assert.match(failureSummary(stderr), /protocolTimeout \(180 s\)/)
  })
  it("keeps samizdat's own message and how far the layout got", () => {
    const stderr = '  … pdf      2050 pages laid out (168 X)\nsamizdat: Laying out pages took longer than 900 s: stalled\n  (set SAMIZDAT_DEBUG=1 to see where it happened)\n'
    assert.equal(failureSummary(stderr), 'samizdat: Laying out pages took longer than 900 s: stalled; 2050 pages laid out when it stopped')
  })
})

describe('failureSummary of a samizdat error', () => {
  it('takes the diagnostic, not the closing count', () => {
    const stderr = 'book.pdf  error    The print edition could not be made: Target closed  print-failed\n\n✖ 1 error, 0 warnings\nsamizdat: stopped, nothing written, 1 error, 0 warnings, in 1 min 28 s\n'
    assert.equal(failureSummary(stderr), 'book.pdf  error    The print edition could not be made: Target closed  print-failed')
  })
})
