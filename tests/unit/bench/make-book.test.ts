import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { parse } from 'yaml'
import { appendSentence, headingIds, makeBook, renameIds } from '../../../bench/make-book.ts'

describe('headingIds', () => {
  it('takes a given id, or the slug of the heading text, and skips code fences', () => {
    const markdown = '# Intro {.unnumbered}\n\n```md\n# not a heading\n```\n\n## The Left {#left .x}\n'
    assert.deepEqual(headingIds(markdown), ['intro', 'left'])
  })
})

describe('renameIds', () => {
  it('suffixes given and implied ids, keeps classes, rewrites links to known ids only', () => {
    const markdown = '# Intro {.unnumbered}\n\nSee [4](#left) and [x](#elsewhere).\n\n## The Left {#left .x}\n'
    const renamed = renameIds(markdown, new Set(['intro', 'left']), '-c2')
    assert.equal(renamed, '# Intro {#intro-c2 .unnumbered}\n\nSee [4](#left-c2) and [x](#elsewhere).\n\n## The Left {#left-c2 .x}\n')
  })
})

describe('makeBook', () => {
  let source: string
  let target: string
  before(async () => {
    source = await mkdtemp(path.join(tmpdir(), 'bench-source-'))
    target = path.join(await mkdtemp(path.join(tmpdir(), 'bench-target-')), 'book')
    await writeFile(path.join(source, 'book.yaml'), 'title: Test\nlang: en-GB\nchapters: [01-a.md, 02-b.md]\nbibliography: refs.bib\ncsl: apa\n')
    await writeFile(path.join(source, '01-a.md'), '# A {#a}\n\nSee [b](#b).\n')
    await writeFile(path.join(source, '02-b.md'), '# B {#b}\n\nText.\n')
    await writeFile(path.join(source, 'refs.bib'), '@book{x, title={X}}\n')
  })
  after(async () => {
    await rm(source, { recursive: true, force: true })
    await rm(path.dirname(target), { recursive: true, force: true })
  })

  it('repeats the chapters with unique ids and keeps book.yaml and the bibliography', async () => {
    const book = await makeBook(source, target, 3)
    assert.equal(book.chapters.length, 6)
    assert.deepEqual(book.bibliography, [path.join(target, 'refs.bib')])
    assert.equal(book.csl, 'apa')
    assert.equal(book.lang, 'en-GB')
    const config = parse(await readFile(path.join(target, 'book.yaml'), 'utf8')) as { title: string; chapters: string[] }
    assert.equal(config.title, 'Test')
    assert.deepEqual(config.chapters, ['01-a.md', '02-b.md', '002-a-c2.md', '002-b-c2.md', '003-a-c3.md', '003-b-c3.md'])
    assert.equal(await readFile(path.join(target, '01-a.md'), 'utf8'), '# A {#a}\n\nSee [b](#b).\n')
    assert.equal(await readFile(path.join(target, '003-a-c3.md'), 'utf8'), '# A {#a-c3}\n\nSee [b](#b-c3).\n')
    assert.equal(await readFile(path.join(target, 'refs.bib'), 'utf8'), '@book{x, title={X}}\n')
  })

  it('appends a sentence as a paragraph of its own', async () => {
    const chapter = path.join(target, '02-b.md')
    await appendSentence(chapter, 2)
    assert.match(await readFile(chapter, 'utf8'), /Text\.\n\n\nThis sentence was added .* rebuild number 2 /)
  })
})
