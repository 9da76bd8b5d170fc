import assert from 'node:assert/strict'
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { resolveBook } from '../../../scripts/config/resolve-book.ts'
import { recordedSteps, setTimings } from '../../../scripts/diagnostics/timings.ts'
import { manuscriptToMdast } from '../../../scripts/read/manuscript-to-mdast.ts'

const parseStep = 'parse (micromark, with every syntax extension)'

async function parse(dir: string) {
  setTimings(true)
  const chapters = await manuscriptToMdast(await resolveBook(dir))
  const parsed = recordedSteps().find((step) => step.name === parseStep)?.calls ?? 0
  return { chapters, parsed }
}

const messagesOf = (chapters: Awaited<ReturnType<typeof parse>>['chapters']) =>
  chapters.map((chapter) => chapter.file.messages.map((message) => [message.reason, message.line, message.column, message.ruleId, message.fatal]))

describe('the parse cache', () => {
  const previous = process.env['SAMIZDAT_CACHE']
  let dir: string
  before(() => {
    const work = mkdtempSync(path.join(tmpdir(), 'samizdat-parse-cache-'))
    process.env['SAMIZDAT_CACHE'] = path.join(work, 'cache')
    dir = path.join(work, 'book')
    cpSync('manuscript', dir, { recursive: true })
    // A warning from the parse (unread pandoc markup) and front matter, to come back from the cache too.
    const first = path.join(dir, '01-introduction.md')
    writeFileSync(first, `---\nshort-title: Intro\n---\n\n${readFileSync(first, 'utf8')}\n::: {.aside\n\nA stray [span]{.x here.\n`)
  })
  after(() => {
    setTimings(false)
    if (previous === undefined) delete process.env['SAMIZDAT_CACHE']
    else process.env['SAMIZDAT_CACHE'] = previous
  })

  it('gives a rebuild the same mdast, front matter and messages without parsing again', async () => {
    const cold = await parse(dir)
    assert.equal(cold.parsed, cold.chapters.length)
    const warm = await parse(dir)
    assert.equal(warm.parsed, 0)
    assert.deepEqual(
      warm.chapters.map((chapter) => JSON.parse(JSON.stringify(chapter.mdast))),
      cold.chapters.map((chapter) => JSON.parse(JSON.stringify(chapter.mdast))),
    )
    assert.deepEqual(
      warm.chapters.map((chapter) => chapter.file.data),
      cold.chapters.map((chapter) => chapter.file.data),
    )
    assert.deepEqual(messagesOf(warm.chapters), messagesOf(cold.chapters))
    assert.ok(messagesOf(cold.chapters).flat().length > 0, 'the book has parse messages to replay')
  })

  it('parses again only the chapter that changed', async () => {
    await parse(dir)
    const chapters = (await resolveBook(dir)).chapters
    appendFileSync(chapters[2]!, '\nOne more sentence.\n')
    const rebuilt = await parse(dir)
    assert.equal(rebuilt.parsed, 1)
    assert.match(JSON.stringify(rebuilt.chapters[2]!.mdast), /One more sentence/)
  })

  it('parses every chapter again when the book’s language changes its punctuation', async () => {
    await parse(dir)
    appendFileSync(path.join(dir, 'book.yaml'), '\nquotes: double\n')
    const relit = await parse(dir)
    assert.equal(relit.parsed, relit.chapters.length)
  })

  it('parses a chapter again when a file it includes ({{#include}}) changed, and not otherwise', async () => {
    const chapters = (await resolveBook(dir)).chapters
    writeFileSync(path.join(dir, 'included.txt'), 'first words\n')
    appendFileSync(chapters[1]!, '\n```\n{{#include included.txt}}\n```\n')
    const first = await parse(dir)
    assert.match(JSON.stringify(first.chapters[1]!.mdast), /first words/)
    assert.equal((await parse(dir)).parsed, 0)
    writeFileSync(path.join(dir, 'included.txt'), 'second words\n')
    const changed = await parse(dir)
    assert.equal(changed.parsed, 1)
    assert.match(JSON.stringify(changed.chapters[1]!.mdast), /second words/)
  })
})
