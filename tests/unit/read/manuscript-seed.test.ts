import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import type { Root } from 'mdast'
import { toString as plainText } from 'mdast-util-to-string'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { Node } from 'unist'
import { visit } from 'unist-util-visit'
import { parse as parseYaml } from 'yaml'
import { bookSchema } from '../../../scripts/config/book-schema.ts'

// The default manuscript is the showcase book, cleaned by hand from a
// web-scraped seed: these checks keep scraping residue from creeping back.

const manuscript = new URL('../../../manuscript/', import.meta.url)
const read = (name: string): string => readFileSync(new URL(name, manuscript), 'utf8')

const book = bookSchema.parse(parseYaml(read('book.yaml')))
const chapterNames = book.chapters ?? []
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter)
const chapters = chapterNames.map((name) => ({ name, tree: parser.parse(read(name)) as Root }))

// Pandoc's citation syntax: a bracketed cluster holding one or more `@key`s
// (https://pandoc.org/MANUAL.html#citation-syntax).
const clusterPattern = /\[[^[\]]*@[^[\]]*\]/g
const keyPattern = /(?<![\p{L}\p{N}_])-?@([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_]))*)/gu
const headingIdPattern = /\{[^}]*?#([\w:.-]+)[^}]*\}\s*$/

/** Every citation cluster in a chapter, read from its paragraphs' plain text. */
function citationClusters(tree: Root): string[] {
  const clusters: string[] = []
  visit(tree, 'paragraph', (paragraph) => {
    clusters.push(...(plainText(paragraph).match(clusterPattern) ?? []))
  })
  return clusters
}

/** Where a node starts, for assertion messages. */
function at(name: string, node: Node): string {
  const start = node.position?.start
  return start ? `${name}:${start.line}:${start.column}` : name
}

/** The citation keys in `references.bib`, parsed the way the pipeline parses them. */
async function bibliographyKeys(): Promise<Set<string>> {
  // citation-js ships no type declarations: load it through an untyped specifier.
  const core: { Cite: new (input: string) => { data: { id: string }[] } } = await import(
    '@citation-js/core' as string
  )
  await import('@citation-js/plugin-bibtex' as string)
  const files = typeof book.bibliography === 'string' ? [book.bibliography] : (book.bibliography ?? [])
  const keys = new Set<string>()
  for (const file of files) for (const entry of new core.Cite(read(file)).data) keys.add(entry.id)
  return keys
}

describe('default manuscript', () => {
  it('lists its five chapters in book.yaml', () => {
    assert.deepEqual(chapterNames, [
      '01-introduction.md',
      '02-left-communists.md',
      '03-workers-opposition.md',
      '04-left-opposition.md',
      '05-essence-of-leninism.md',
    ])
    assert.equal(book.numberSections, true)
    assert.equal(book.csl, 'chicago-note-bibliography')
  })

  it('opens each chapter with its only level-1 heading', () => {
    for (const { name, tree } of chapters) {
      const first = tree.children.find((node) => node.type !== 'yaml')
      assert.equal(first?.type, 'heading', `${name} starts with a heading`)
      let depthOne = 0
      visit(tree, 'heading', (heading) => {
        if (heading.depth === 1) depthOne++
        assert.ok(heading.depth <= 2, `${at(name, heading)}: sub-headings are ##`)
        assert.doesNotMatch(plainText(heading), /^\d/, `${at(name, heading)}: the pipeline numbers chapters`)
      })
      assert.equal(depthOne, 1, `${name} has one # heading`)
    }
  })

  it('lets no literal emphasis marker reach the reader', () => {
    for (const { name, tree } of chapters) {
      visit(tree, 'text', (text) => {
        assert.doesNotMatch(text.value, /[_*]/, `${at(name, text)}: stray emphasis marker in ${JSON.stringify(text.value)}`)
      })
    }
  })

  it('keeps the seed’s block quotes as block quotes', () => {
    let quotes = 0
    for (const { tree } of chapters) visit(tree, 'blockquote', () => void quotes++)
    assert.equal(quotes, 12)
  })

  it('has no relative .html link, and every #fragment names a heading id', () => {
    const ids = new Set<string>()
    for (const { tree } of chapters) {
      visit(tree, 'heading', (heading) => {
        const id = headingIdPattern.exec(plainText(heading))?.[1]
        if (id) ids.add(id)
      })
    }
    assert.deepEqual([...ids], ['left-communists', 'workers-opposition', 'left-opposition', 'essence-of-leninism'])
    for (const { name, tree } of chapters) {
      visit(tree, ['link', 'definition'], (node) => {
        if (node.type !== 'link' && node.type !== 'definition') return
        const isAbsolute = /^[a-z][a-z\d+.-]*:/i.test(node.url)
        assert.ok(isAbsolute || !/\.html?(?:[#?]|$)/i.test(node.url), `${at(name, node)}: relative link ${node.url}`)
        if (node.url.startsWith('#')) {
          assert.ok(ids.has(node.url.slice(1)), `${at(name, node)}: no heading has the id ${node.url}`)
        }
      })
    }
  })

  it('resolves every Op. Cit. and Ibid.', () => {
    for (const { name, tree } of chapters) {
      assert.doesNotMatch(plainText(tree), /Op\.\s*Cit|Ibid/i, name)
    }
  })

  it('writes every citation in pandoc syntax, each key in references.bib and each entry cited', async () => {
    const cited = new Set<string>()
    let clusters = 0
    for (const { tree } of chapters) {
      for (const cluster of citationClusters(tree)) {
        clusters++
        for (const match of cluster.matchAll(keyPattern)) if (match[1]) cited.add(match[1])
      }
    }
    assert.ok(clusters >= 81, `expected at least 81 citation clusters, found ${clusters}`)
    const keys = await bibliographyKeys()
    assert.deepEqual([...cited].filter((key) => !keys.has(key)), [], 'cited but not in references.bib')
    assert.deepEqual([...keys].filter((key) => !cited.has(key)), [], 'in references.bib but never cited')
  })
})
