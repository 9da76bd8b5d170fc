import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { VFile } from 'vfile'
import { manuscriptToBookTree } from '../../../scripts/read/manuscript-to-book-tree.ts'
import { createMarkdownParser } from '../../../scripts/read/manuscript-to-mdast.ts'
import { timedPlugin } from '../../../scripts/diagnostics/timed-plugin.ts'
import { formatTimings, recordedSteps, setTimings, timeStep } from '../../../scripts/diagnostics/timings.ts'

describe('SAMIZDAT_DEBUG=timings', () => {
  after(() => setTimings(false))

  it('records nothing and prints nothing when off', () => {
    setTimings(false)
    assert.equal(
      timeStep('x', () => 1),
      1,
    )
    assert.deepEqual(recordedSteps(), [])
    assert.equal(formatTimings(), '')
  })

  it('sums a step over its calls, synchronous and asynchronous, and prints the slowest first', async () => {
    setTimings(true)
    timeStep('fast', () => 1)
    await timeStep('slow', () => new Promise((resolve) => setTimeout(resolve, 30)))
    await timeStep('slow', () => new Promise((resolve) => setTimeout(resolve, 30)))
    const [slow, fast] = recordedSteps()
    assert.equal(slow?.name, 'slow')
    assert.equal(slow?.calls, 2)
    assert.ok(slow!.ms >= 55, `slow took ${slow?.ms} ms`)
    assert.equal(fast?.calls, 1)
    assert.match(formatTimings(), /^samizdat: time per step[^\n]*\n {2}slow +\d+\.\d ms +2×\n {2}fast /)
  })

  it('times a plugin’s transformer under its name, and leaves its result as it was', async () => {
    setTimings(true)
    const plugin = function remarkShout() {
      return (tree: { children: unknown[] }) => {
        tree.children.push({ type: 'thematicBreak' })
      }
    }
    const tree = { type: 'root', children: [] as unknown[] }
    const transformer = timedPlugin(plugin).call(undefined)
    transformer(tree)
    assert.equal(tree.children.length, 1)
    assert.deepEqual(
      recordedSteps().map((step) => [step.name, step.calls]),
      [['remarkShout', 1]],
    )
  })

  it('names each remark plugin of the Markdown parser', async () => {
    setTimings(true)
    const parser = createMarkdownParser('en')
    const file = new VFile({ value: '# Title\n\n"Quoted" -- text with a [span]{.x}.\n' })
    await parser.run(parser.parse(file), file)
    const names = recordedSteps().map((step) => step.name)
    for (const name of ['remarkSmartPunctuation', 'remarkFencedDivs', 'remarkUnreadMarkup']) {
      assert.ok(names.includes(name), `${name} missing from ${names.join(', ')}`)
    }
    // A syntax extension has no transformer: its time is the parse's.
    assert.ok(!names.includes('remarkGfm'))
  })

  it('covers the whole read of a book: parse, each plugin, citations, hast', async () => {
    setTimings(true)
    // Uncached, so that every step runs.
    const cache = process.env['SAMIZDAT_CACHE']
    process.env['SAMIZDAT_CACHE'] = 'off'
    await manuscriptToBookTree('manuscript').finally(() => {
      if (cache === undefined) delete process.env['SAMIZDAT_CACHE']
      else process.env['SAMIZDAT_CACHE'] = cache
    })
    const names = recordedSteps().map((step) => step.name)
    for (const name of ['parse (micromark, with every syntax extension)', 'remarkSmartPunctuation', 'citations (book-wide)', 'citations: render the clusters', 'mdast-util-to-hast', 'rehypeRaw', 'rehypeBlockIds']) {
      assert.ok(names.includes(name), `${name} missing from ${names.join(', ')}`)
    }
    assert.equal(recordedSteps().find((step) => step.name === 'remarkSmartPunctuation')?.calls, 5)
  })
})
