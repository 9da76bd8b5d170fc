import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Write a four-chapter book that cites every entry of a `.bib` file, with
 * locators of several kinds, clusters with prefixes and suffixes, author-in-text
 * and author-suppressed cites, and citations inside the manuscript's own
 * footnotes. Returns the chapter files in order (pandoc reads them as one).
 */
export function writeParityBook(dir: string, bib: string, keys: readonly string[]): string[] {
  mkdirSync(dir, { recursive: true })
  cpSync(bib, path.join(dir, 'refs.bib'))
  const forms = [
    (key: string) => `One source says so [@${key}, p. 12].`,
    (key: string, next: string) => `Compare [see @${key}, pp. 1001--1003; also @${next}, chap. 3].`,
    (key: string) => `As @${key} [sec. 2] argues.`,
    (key: string, _next: string, note: number) => `A claim in a note.[^n${note}]\n\n[^n${note}]: As argued in [@${key}, 45], and more.`,
    (key: string) => `The same year [-@${key}, para. 4].`,
    (key: string) => `Again [@${key}].`,
  ]
  const chapters: string[][] = [[], [], [], []]
  keys.forEach((key, index) => {
    const form = forms[index % forms.length]!
    const next = keys[(index + 1) % keys.length]!
    chapters[Math.floor((index * chapters.length) / keys.length)]!.push(form(key, next, index + 1))
  })
  const files = chapters.map((paragraphs, index) => {
    const name = `chapter-${index + 1}.md`
    writeFileSync(path.join(dir, name), `# Chapter ${index + 1}\n\n${paragraphs.join('\n\n')}\n`)
    return name
  })
  writeFileSync(
    path.join(dir, 'book.yaml'),
    `title: Citation parity\nlang: en-US\nbibliography: refs.bib\nnocite: ['*']\nchapters:\n${files.map((file) => `  - ${file}`).join('\n')}\n`,
  )
  return files.map((file) => path.join(dir, file))
}
