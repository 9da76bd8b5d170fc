import assert from 'node:assert/strict'
import { appendFileSync, cpSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { BookOverrides } from '../../../scripts/config/resolve-book.ts'
import { recordedSteps, setTimings } from '../../../scripts/diagnostics/timings.ts'
import { manuscriptToBookTree } from '../../../scripts/read/manuscript-to-book-tree.ts'

// The book's text with citations rendered (chapters and bibliography), without positions.
async function read(dir: string, overrides: BookOverrides = {}) {
  setTimings(true)
  const { tree } = await manuscriptToBookTree(dir, overrides)
  const rendered = JSON.stringify([tree.chapters.map((chapter) => chapter.hast), tree.bibliography], (key, value) => (key === 'position' ? undefined : value))
  return { rendered, rendering: recordedSteps().find((step) => step.name === 'citations: render the clusters')!.ms }
}

describe('the citation render cache', () => {
  const previous = process.env['SAMIZDAT_CACHE']
  let work: string
  let dir: string
  const cached = () => readdirSync(path.join(work, 'cache', 'citations'))
  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'samizdat-citation-cache-'))
    process.env['SAMIZDAT_CACHE'] = path.join(work, 'cache')
    dir = path.join(work, 'book')
    cpSync('manuscript', dir, { recursive: true })
  })
  after(() => {
    setTimings(false)
    if (previous === undefined) delete process.env['SAMIZDAT_CACHE']
    else process.env['SAMIZDAT_CACHE'] = previous
  })

  for (const csl of ['chicago-note-bibliography', 'ieee']) {
    it(`gives a rebuild the citations and bibliography citeproc gave (${csl})`, async () => {
      const cold = await read(dir, { csl })
      const count = cached().length
      const warm = await read(dir, { csl })
      assert.equal(warm.rendered, cold.rendered)
      assert.equal(cached().length, count, 'the rebuild found the render, and wrote none')
      assert.ok(warm.rendering < cold.rendering, `rendering took ${warm.rendering} ms from the cache, ${cold.rendering} ms in citeproc`)
    })
  }

  it('renders again when a citation changes, and only then', async () => {
    const before = await read(dir)
    const count = cached().length
    const chapters = readdirSync(dir).filter((name) => name.endsWith('.md'))
    appendFileSync(path.join(dir, chapters[1]!), '\nA sentence without a citation.\n')
    await read(dir)
    assert.equal(cached().length, count, 'no citation changed')
    appendFileSync(path.join(dir, chapters[1]!), '\nA new claim [@brinton1975, 12].\n')
    const after = await read(dir)
    assert.equal(cached().length, count + 1)
    assert.notEqual(after.rendered, before.rendered)
  })
})
