import assert from 'node:assert/strict'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, test } from 'node:test'
import { manuscriptToBookTree } from '../../../scripts/read/manuscript-to-book-tree.ts'

// Pandoc resolves an image path from the folder it runs in (the book's), samizdat from the
// chapter's folder: a relative path is looked for from the chapter first, then from the book folder.
const png = path.join(import.meta.dirname, '..', '..', 'fixtures', 'read', 'pandoc-book', 'seagull.png')
const work = mkdtempSync(path.join(tmpdir(), 'samizdat-image-paths-'))
after(() => rmSync(work, { recursive: true, force: true }))

function book(files: Record<string, string | 'png'>): string {
  const dir = mkdtempSync(path.join(work, 'book-'))
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    if (content === 'png') copyFileSync(png, path.join(dir, name))
    else writeFileSync(path.join(dir, name), content)
  }
  return dir
}

test('a relative image path is found from the chapter’s folder first, then from the book folder', async () => {
  const dir = book({
    'book.yaml': 'title: Images\nchapters: [chapters/one.md]\n',
    'chapters/one.md': '# One\n\n![From the book folder](images/root.png)\n\n![From the chapter](here.png)\n\n![In both](images/both.png)\n',
    'images/root.png': 'png',
    'images/both.png': 'png',
    'chapters/here.png': 'png',
    'chapters/images/both.png': 'png',
  })
  const { tree } = await manuscriptToBookTree(dir)
  const chapter = tree.chapters[0]!
  assert.deepEqual(chapter.file.messages, [])
  assert.deepEqual(Object.fromEntries(chapter.file.data.resources ?? []), {
    'images/root.png': path.join(dir, 'images', 'root.png'),
    'here.png': path.join(dir, 'chapters', 'here.png'),
    'images/both.png': path.join(dir, 'chapters', 'images', 'both.png'),
  })
})

test('an image in neither folder is reported once, naming both; one outside the book folder is never taken', async () => {
  const dir = book({
    'book.yaml': 'title: Images\nchapters: [part/one.md]\n',
    'part/one.md': '# One\n\n![Missing](images/none.png)\n\n![Outside](../../outside.png)\n\n![Absolute](/images/root.png)\n',
    'images/root.png': 'png',
  })
  // A file beside the book folder, reachable from it by `..`: still outside the book.
  copyFileSync(png, path.join(path.dirname(dir), 'outside.png'))
  const { tree } = await manuscriptToBookTree(dir)
  const chapter = tree.chapters[0]!
  assert.deepEqual(
    chapter.file.messages.map((message) => [message.line, message.ruleId, message.reason]),
    [
      [3, 'image-not-local', "Image `images/none.png` not found in this chapter's folder (`part/`) or the book folder: check the file name and folder (names are case-sensitive)"],
      [5, 'image-not-local', 'Image `../../outside.png` is outside the manuscript folder: copy it into the folder so the book stays self-contained'],
      [7, 'image-not-local', 'Image `/images/root.png` is outside the manuscript folder: copy it into the folder so the book stays self-contained'],
    ],
  )
  assert.deepEqual(chapter.file.data.resources?.size ?? 0, 0)
})

test('a chapter in the book folder itself looks there only, and says so', async () => {
  const dir = book({ 'book.yaml': 'title: Images\nchapters: [one.md]\n', 'one.md': '# One\n\n![Missing](none.png)\n' })
  const { tree } = await manuscriptToBookTree(dir)
  assert.deepEqual(
    tree.chapters[0]!.file.messages.map((message) => message.reason),
    ['Image `none.png` not found in the book folder: check the file name and folder (names are case-sensitive)'],
  )
})
