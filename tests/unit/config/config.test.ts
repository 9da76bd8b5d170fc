import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import type { VFileMessage } from 'vfile-message'
import { type ResolvedBook, resolveBook } from '../../../scripts/config/resolve-book.ts'
import { BuildError } from '../../../scripts/diagnostics/fail.ts'
import { manuscriptToMdast } from '../../../scripts/read/manuscript-to-mdast.ts'

const work = mkdtempSync(path.join(tmpdir(), 'samizdat-config-'))
after(() => rmSync(work, { recursive: true, force: true }))

let count = 0
/** A manuscript folder holding `files` (name → text or bytes). */
function folder(files: Record<string, string | Uint8Array>): string {
  const dir = path.join(work, `book-${++count}`)
  mkdirSync(dir)
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), data)
  }
  return dir
}

/** The messages of a step that must fail, with the file each is on. */
async function failure(run: () => Promise<unknown>): Promise<{ file: string; message: VFileMessage }[]> {
  try {
    await run()
  } catch (error) {
    if (!(error instanceof BuildError)) throw error
    return error.files.flatMap((file) => file.messages.map((message) => ({ file: path.basename(file.path), message })))
  }
  assert.fail('expected the build to stop')
}

function at(message: VFileMessage): string {
  return `${message.line}:${message.column} ${message.ruleId}`
}

const chapter = '# One\n\nText.\n'

describe('book.yaml problems point at their place', () => {
  test('a typeface that is not installed: at its value, with the command that installs it', async () => {
    const dir = folder({ 'book.yaml': 'title: T\ntypeface: Source Serif Nine\n', '01.md': chapter })
    const [problem] = await failure(() => resolveBook(dir))
    assert.equal(at(problem!.message), '2:11 typeface-not-installed')
    assert.match(problem!.message.reason, /^Typeface `Source Serif Nine` is not installed: run `npm install @fontsource\/source-serif-nine` in samizdat's folder \(`cd \/.+ && npm install @fontsource\/source-serif-nine`/)
    const installed = folder({ 'book.yaml': 'title: T\ntypeface: Literata\n', '01.md': chapter })
    assert.equal((await resolveBook(installed)).typeface, 'Literata')
  })

  test('an unknown key: at the key, with the key it probably means', async () => {
    const dir = folder({ 'book.yaml': 'title: T\n  \nsubtitel: S\n', '01.md': chapter })
    const [problem, ...rest] = await failure(() => resolveBook(dir))
    assert.equal(rest.length, 0)
    assert.equal(problem!.file, 'book.yaml')
    assert.equal(at(problem!.message), '3:1 book-schema')
    assert.equal(problem!.message.fatal, true)
    assert.match(problem!.message.reason, /^Unknown key `subtitel` in book\.yaml: did you mean `subtitle`\?$/)
  })

  test('several unknown keys: one message each, at its own line; an unknown key with no near match lists the known ones', async () => {
    const dir = folder({ 'book.yaml': 'title: T\ncolour: red\nlicence:\n  name: CC0\n  ur: https://example.org\n', '01.md': chapter })
    const problems = await failure(() => resolveBook(dir))
    assert.deepEqual(problems.map(({ message }) => at(message)), ['2:1 book-schema', '5:3 book-schema'])
    assert.match(problems[0]!.message.reason, /Unknown key `colour` in book\.yaml: remove it, or correct it to one of the keys samizdat knows: title, subtitle/)
    assert.match(problems[1]!.message.reason, /Unknown key `ur` under `licence`: did you mean `url`\?/)
  })

  test('a wrong type: at the value, saying what the key takes and what it holds', async () => {
    const dir = folder({ 'book.yaml': 'title: T\nnumberSections:\n  - yes\nkeywords: anarchism\n', '01.md': chapter })
    const problems = await failure(() => resolveBook(dir))
    assert.deepEqual(problems.map(({ message }) => at(message)), ['3:3 book-schema', '4:11 book-schema'])
    assert.equal(problems[0]!.message.reason, '`numberSections` must be `true` or `false`, but here it is a list of 1 item')
    assert.match(problems[1]!.message.reason, /^`keywords` must be a list of words or phrases.*but here it is the text "anarchism"$/)
  })

  test('an item of a list, a missing title, and a value out of its set', async () => {
    const dir = folder({ 'book.yaml': 'pageSize: a5\nchapters:\n  - 01.md\n  - 42\n', '01.md': chapter })
    const problems = await failure(() => resolveBook(dir))
    const reasons = problems.map(({ message }) => `${at(message)} ${message.reason}`)
    assert.ok(reasons.some((reason) => /^1:1 book-schema book\.yaml has no `title`: add it as the book's title/.test(reason)), reasons.join('\n'))
    assert.ok(reasons.some((reason) => /^1:11 book-schema `pageSize` must be one of .* "a5"; did you mean `A5`\?$/.test(reason)), reasons.join('\n'))
    assert.ok(reasons.some((reason) => /^4:5 book-schema Item 2 of `chapters` must be a file name/.test(reason)), reasons.join('\n'))
  })

  test('hyphenation exceptions: a list, or lists by language; a word with a space is refused at its item', async () => {
    const list = await resolveBook(folder({ 'book.yaml': 'title: T\nhyphenation:\n  - sam-iz-dat\n  - Bolshevik\n', '01.md': chapter }))
    assert.deepEqual(list.hyphenation, ['sam-iz-dat', 'Bolshevik'])
    const byLang = await resolveBook(folder({ 'book.yaml': 'title: T\nhyphenation:\n  en-GB: [sam-iz-dat]\n  fr: [an-ti-cons-ti-tu-tion-nel]\n', '01.md': chapter }))
    assert.deepEqual(byLang.hyphenation, { 'en-GB': ['sam-iz-dat'], fr: ['an-ti-cons-ti-tu-tion-nel'] })
    const problems = await failure(() => resolveBook(folder({ 'book.yaml': 'title: T\nhyphenation:\n  - hy phen\n', '01.md': chapter })))
    assert.equal(problems.length, 1)
    assert.equal(problems[0]!.message.line, 3)
  })

  test('a licence or source address that is not a web address (`javascript:`, `file:`) is refused', async () => {
    const dir = folder({ 'book.yaml': 'title: T\nlicence:\n  name: x\n  url: javascript:alert(1)\nsource:\n  url: file:///etc/passwd\n', '01.md': chapter })
    const problems = await failure(() => resolveBook(dir))
    assert.deepEqual(problems.map(({ message }) => at(message)).sort(), ['4:8 book-schema', '6:8 book-schema'])
    assert.match(problems.find(({ message }) => message.line === 4)!.message.reason, /^`licence\.url` must be a web address starting with `https:\/\/`/)
  })

  test('YAML that does not parse: at its line, with what to check', async () => {
    const dir = folder({ 'book.yaml': 'title: T\nchapters:\n  - 01.md\n  pageSize: A5\n', '01.md': chapter })
    const [problem] = await failure(() => resolveBook(dir))
    assert.equal(problem!.message.line, 4)
    assert.equal(problem!.message.ruleId, 'yaml-syntax')
    assert.match(problem!.message.reason, /^book\.yaml is not valid YAML: .*check the indentation/)
  })

  test('an alias bomb stops at book.yaml instead of eating the memory', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((name, index) => `${name}: &${name} [${Array(10).fill(`*${'abcdefgh'[index]}`).join(', ')}]`), 'title: T'].join('\n')
    const dir = folder({ 'book.yaml': `${bomb}\n`, '01.md': chapter })
    const [problem] = await failure(() => resolveBook(dir))
    assert.equal(problem!.message.ruleId, 'yaml-syntax')
    assert.equal(problem!.message.line, 1)
  })

  test('book.yaml that is not UTF-8: at the first bad byte', async () => {
    const dir = folder({ 'book.yaml': Buffer.from('title: Caf\xe9\n', 'latin1'), '01.md': chapter })
    const [problem] = await failure(() => resolveBook(dir))
    assert.equal(at(problem!.message), '1:11 not-utf8')
  })

  test('a chapter saved as UTF-16 says so', async () => {
    const dir = folder({ '01.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# One\n', 'utf16le')]) })
    const [problem] = await failure(async () => manuscriptToMdast(await resolveBook(dir)))
    assert.equal(at(problem!.message), '1:1 not-utf8')
    assert.match(problem!.message.reason, /UTF-16/)
  })

  test('a list where a mapping belongs', async () => {
    const dir = folder({ 'book.yaml': '- title: T\n', '01.md': chapter })
    const [problem] = await failure(() => resolveBook(dir))
    assert.equal(at(problem!.message), '1:1 yaml-shape')
  })
})

describe('chapters listed in book.yaml', () => {
  test('a chapter listed but missing: on book.yaml, at its list item', async () => {
    const dir = folder({ 'book.yaml': 'title: T\nchapters:\n  - 01.md\n  - 02-missing.md\n', '01.md': chapter })
    const book = await resolveBook(dir)
    const [problem, ...rest] = await failure(() => manuscriptToMdast(book))
    assert.equal(rest.length, 0)
    assert.equal(problem!.file, 'book.yaml')
    assert.equal(at(problem!.message), '4:5 missing-chapter')
    assert.equal(problem!.message.place && 'end' in problem!.message.place ? problem!.message.place.end.column : undefined, 18)
    assert.match(problem!.message.reason, /`02-missing\.md` is listed in book\.yaml but there is no such file: create it, or correct its name/)
  })

  test('a chapter outside the manuscript folder is refused at its list item', async () => {
    const outside = folder({ 'secret.md': '# Secret\n' })
    const dir = folder({ 'book.yaml': `title: T\nchapters:\n  - 01.md\n  - ../${path.basename(outside)}/secret.md\n`, '01.md': chapter })
    const [problem] = await failure(() => resolveBook(dir))
    assert.equal(at(problem!.message), '4:5 chapter-outside')
  })

  test('a chapter listed twice is a warning at the second', async () => {
    const dir = folder({ 'book.yaml': 'title: T\nchapters:\n  - 01.md\n  - ./01.md\n', '01.md': chapter })
    const book = await resolveBook(dir)
    assert.equal(book.chapters.length, 2)
    assert.deepEqual(book.configFile?.messages.map(at), ['4:5 duplicate-chapter'])
  })

  test('a folder listed as a chapter says so', async () => {
    const dir = folder({ 'book.yaml': 'title: T\nchapters:\n  - part-one\n', 'part-one/01.md': chapter })
    const book = await resolveBook(dir)
    const [problem] = await failure(() => manuscriptToMdast(book))
    assert.equal(at(problem!.message), '3:5 missing-chapter')
    assert.match(problem!.message.reason, /is a folder, not a Markdown file/)
  })
})

describe('other files book.yaml names', () => {
  test('a bibliography, cover or CSL file outside the folder, or a folder, is refused at its place', async () => {
    const outside = folder({ 'cover.png': 'not really', 'style.csl': '<style/>' })
    const name = path.basename(outside)
    const cases: [string, string][] = [
      [`bibliography:\n  - refs.bib\n  - ../${name}/refs.bib\n`, '4:5 file-outside'],
      [`cover: ../${name}/cover.png\n`, '2:8 file-outside'],
      [`csl: ../${name}/style.csl\n`, '2:6 file-outside'],
      ['csl: /etc/passwd\n', '2:6 file-outside'],
      ['csl: ./\n', '2:6 file-outside'],
    ]
    for (const [yaml, expected] of cases) {
      const dir = folder({ 'book.yaml': `title: T\n${yaml}`, '01.md': chapter, 'refs.bib': '' })
      const [problem] = await failure(() => resolveBook(dir))
      assert.equal(at(problem!.message), expected, yaml)
    }
  })

  test('a CSL name, and files inside the folder, pass', async () => {
    const dir = folder({ 'book.yaml': 'title: T\ncsl: apa\ncover: images/cover.png\nbibliography: refs.bib\n', '01.md': chapter, 'refs.bib': '', 'images/cover.png': '' })
    const book = await resolveBook(dir)
    assert.deepEqual(book.bibliography, [path.join(dir, 'refs.bib')])
  })
})

describe('without book.yaml', () => {
  test("the folder's Markdown files in name order (numbers by value), titled by the first heading; no README", async () => {
    const dir = folder({
      '10-last.md': '# Last\n',
      '2-second.md': '# Second\n',
      '1-first.md': 'Some words before the heading.\n\n# The *First* Heading {#first}\n',
      'README.md': '# Read me\n',
      'notes.txt': '# Not a chapter\n',
    })
    const book: ResolvedBook = await resolveBook(dir)
    assert.deepEqual(book.chapters.map((file) => path.basename(file)), ['1-first.md', '2-second.md', '10-last.md'])
    assert.equal(book.title, 'The *First* Heading')
    assert.equal(book.configFile, undefined)
    assert.equal(book.lang, 'en')
    assert.equal(book.pageSize, 'A5')
  })

  test('no heading anywhere: the folder name is the title', async () => {
    const dir = folder({ '01.md': 'Just text.\n' })
    assert.equal((await resolveBook(dir)).title, path.basename(dir))
  })

  test('a symbolic link to a file outside the folder is not a chapter', async () => {
    const outside = folder({ 'private.md': '# Private\n' })
    const dir = folder({ '01.md': chapter })
    symlinkSync(path.join(outside, 'private.md'), path.join(dir, '02-link.md'))
    symlinkSync(path.join(dir, '01.md'), path.join(dir, '03-inside.md'))
    assert.deepEqual((await resolveBook(dir)).chapters.map((file) => path.basename(file)), ['01.md', '03-inside.md'])
  })

  test('an empty folder, a missing folder and a file stop with what to do', async () => {
    const [empty] = await failure(() => resolveBook(folder({})))
    assert.equal(empty!.message.ruleId, 'no-chapters')
    assert.match(empty!.message.reason, /has no Markdown \(`\.md`\) files/)
    const [missing] = await failure(() => resolveBook(path.join(work, 'nowhere')))
    assert.equal(missing!.message.ruleId, 'missing-manuscript')
    const dir = folder({ '01.md': chapter })
    const [file] = await failure(() => resolveBook(path.join(dir, '01.md')))
    assert.match(file!.message.reason, /^`01\.md` is a file, not a folder/)
  })
})

test('CLI overrides win over book.yaml, and the resolved book is frozen', async () => {
  const dir = folder({ 'book.yaml': 'title: T\npageSize: A5\nauthor: A. Writer\n', '01.md': chapter })
  const book = await resolveBook(dir, { pageSize: '6x9', strict: true })
  assert.equal(book.pageSize, '6x9')
  assert.equal(book.strict, true)
  assert.deepEqual(book.authors, ['A. Writer'])
  assert.ok(Object.isFrozen(book))
})
