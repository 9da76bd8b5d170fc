import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { toString as hastToString } from 'hast-util-to-string'
import { createIncrementalBook } from '../../../scripts/preview/incremental-book.ts'
import { injectPreviewScripts } from '../../../scripts/preview/inject-preview-scripts.ts'
import { resolveBuildFile } from '../../../scripts/preview/resolve-build-file.ts'

const temp = mkdtempSync(path.join(tmpdir(), 'samizdat-cli-preview-'))
after(() => rmSync(temp, { recursive: true, force: true }))

describe('resolveBuildFile', () => {
  const root = path.join(temp, 'build')
  mkdirSync(path.join(root, 'assets'), { recursive: true })
  writeFileSync(path.join(root, 'web.html'), '<p>book</p>')
  writeFileSync(path.join(root, 'assets', 'screen.css'), 'p {}')
  writeFileSync(path.join(root, '.web.html.123.tmp'), 'half')
  writeFileSync(path.join(temp, 'secret.txt'), 'secret')
  symlinkSync(path.join(temp, 'secret.txt'), path.join(root, 'link.txt'))

  it('serves files inside the build folder', () => {
    assert.equal(resolveBuildFile(root, '/web.html'), path.join(root, 'web.html'))
    assert.equal(resolveBuildFile(root, '/assets/screen.css'), path.join(root, 'assets', 'screen.css'))
    assert.equal(resolveBuildFile(root, '/assets/%73creen.css'), path.join(root, 'assets', 'screen.css'))
  })

  it('refuses every way out of the folder', () => {
    for (const attempt of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets%2f..%2f..%2fsecret.txt', '/..\\secret.txt', `/${temp}/secret.txt`, '/link.txt', '/web.html%00.css', '/%E0%A4%A']) {
      assert.equal(resolveBuildFile(root, attempt), undefined, attempt)
    }
  })

  it('lists no folders and serves no hidden or missing files', () => {
    for (const attempt of ['/', '/assets', '/assets/', '/.web.html.123.tmp', '/missing.html']) assert.equal(resolveBuildFile(root, attempt), undefined, attempt)
  })
})

describe('injectPreviewScripts', () => {
  it('adds script elements at the end of the head and keeps the page', () => {
    const html = injectPreviewScripts('<!doctype html><html lang="en"><head><title>T</title></head><body><p>Text &amp; more</p></body></html>', ['/a.js', '/b.js?build=2'])
    assert.equal(html, '<!doctype html><html lang="en"><head><title>T</title><script src="/a.js"></script><script src="/b.js?build=2"></script></head><body><p>Text &#x26; more</p></body></html>')
  })
})

describe('createIncrementalBook', () => {
  const dir = path.join(temp, 'book')
  mkdirSync(dir)
  writeFileSync(path.join(dir, 'book.yaml'), 'title: Test\nchapters: [01-one.md, 02-two.md]\n')
  writeFileSync(path.join(dir, '01-one.md'), '# One {#one}\n\nSee [two](#two).\n')
  writeFileSync(path.join(dir, '02-two.md'), '# Two {#two}\n\nFirst text.\n')
  const book = createIncrementalBook(dir)

  it('parses every chapter the first time, none when nothing changed', async () => {
    const first = await book.load()
    assert.equal(first.reparsed.length, 2)
    assert.deepEqual(first.tree.chapters.map((chapter) => chapter.id), ['one', 'two'])
    assert.equal((await book.load()).reparsed.length, 0)
  })

  it('re-parses only the changed chapter, and the book-wide stages still see every chapter', async () => {
    writeFileSync(path.join(dir, '02-two.md'), '# Two {#two}\n\nSecond text.\n')
    const loaded = await book.load()
    assert.deepEqual(loaded.reparsed, [path.join(dir, '02-two.md')])
    assert.deepEqual(loaded.tree.chapters.map((chapter) => chapter.id), ['one', 'two'])
    assert.match(hastToString(loaded.tree.chapters[1]!.hast), /Second text/)
    assert.equal(loaded.tree.toc.length, 2)
  })

  it('gives each rebuild fresh messages: a fixed link stops being reported', async () => {
    writeFileSync(path.join(dir, '01-one.md'), '# One {#one}\n\nSee [nothing](#nowhere).\n')
    const broken = await book.load()
    assert.deepEqual(broken.files.flatMap((file) => file.messages.map((message) => message.ruleId)), ['broken-internal-link'])
    writeFileSync(path.join(dir, '01-one.md'), '# One {#one}\n\nSee [two](#two).\n')
    const fixed = await book.load()
    assert.deepEqual(fixed.files.flatMap((file) => file.messages), [])
    // The unchanged chapter is reused, and its earlier messages are not carried over.
    writeFileSync(path.join(dir, '02-two.md'), '# Two {#two}\n\nThird text.\n')
    assert.deepEqual((await book.load()).files.flatMap((file) => file.messages), [])
  })

  it('parses everything again when book.yaml changes, and a new chapter is picked up', async () => {
    writeFileSync(path.join(dir, '03-three.md'), '# Three\n\nMore.\n')
    writeFileSync(path.join(dir, 'book.yaml'), 'title: Test\nchapters: [01-one.md, 02-two.md, 03-three.md]\n')
    const loaded = await book.load()
    assert.equal(loaded.reparsed.length, 3)
    assert.deepEqual(loaded.tree.chapters.map((chapter) => chapter.id), ['one', 'two', 'three'])
  })

  it('reports a chapter emptied by an edit the way a full build does', async () => {
    writeFileSync(path.join(dir, '03-three.md'), '')
    const loaded = await book.load()
    assert.deepEqual(loaded.tree.chapters.map((chapter) => chapter.id), ['one', 'two', 'three'])
    assert.ok(loaded.files.some((file) => file.messages.some((message) => message.ruleId === 'missing-chapter-title')))
  })
})
