import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { fromHtml } from 'hast-util-from-html'
import { selectAll } from 'hast-util-select'
import { manuscriptToBookTree } from '../../../scripts/read/manuscript-to-book-tree.ts'
import { type PrintBuild, writePrintBuild } from '../../../scripts/print/write-print-build.ts'

const fixture = fileURLToPath(new URL('../../fixtures/print/book/', import.meta.url))

describe('writePrintBuild', () => {
  let dir: string
  let build: PrintBuild
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'samizdat-print-'))
    const { tree } = await manuscriptToBookTree(fixture)
    build = await writePrintBuild(tree, path.join(dir, 'print'), { bleed: '3mm', marks: 'crop' })
  })
  after(() => rm(dir, { recursive: true, force: true }))

  it('writes the document, its stylesheets, hooks, fonts and images into one folder', async () => {
    const out = path.join(dir, 'print')
    assert.equal(build.htmlFile, path.join(out, 'print.html'))
    assert.deepEqual((await readdir(out)).sort(), ['fonts', 'fonts.css', 'images', 'page.css', 'print-layout.js', 'print.css', 'print.html'])
    assert.ok((await readdir(path.join(out, 'fonts'))).every((name) => name.endsWith('.woff2')))
    assert.match(await readFile(path.join(out, 'page.css'), 'utf8'), /bleed: 3mm;\s+marks: crop;/)
  })

  it('references only files inside the folder', async () => {
    const out = path.join(dir, 'print')
    const doc = fromHtml(await readFile(build.htmlFile, 'utf8'))
    const refs = [
      ...selectAll('link[href]', doc).map((node) => String(node.properties['href'])),
      ...selectAll('script[src]', doc).map((node) => String(node.properties['src'])),
      ...selectAll('img[src]', doc).map((node) => String(node.properties['src'])),
      ...[...(await readFile(path.join(out, 'fonts.css'), 'utf8')).matchAll(/url\(([^)]+)\)/g)].map((match) => match[1]!),
    ]
    assert.ok(refs.length > 5)
    for (const ref of refs) {
      assert.doesNotMatch(ref, /^[a-z]+:|^\/|\.\./i, ref)
      assert.ok(existsSync(path.join(out, decodeURIComponent(ref))), `${ref} is missing`)
    }
  })

  it('returns the outline entries in book order', () => {
    assert.deepEqual(build.toc.slice(0, 3), [
      { id: 'toc-title', title: 'Contents', level: 1 },
      { id: 'preface', title: 'Preface', level: 1 },
      { id: 'duplicators-and-their-discontents', title: '1 Duplicators and their discontents', level: 1 },
    ])
  })
})
