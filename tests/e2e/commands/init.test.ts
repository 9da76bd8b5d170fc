import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { fromHtml } from 'hast-util-from-html'
import { selectAll } from 'hast-util-select'
import { toString as hastToString } from 'hast-util-to-string'
import { runCli } from '../../helpers/build-cli.ts'

// `samizdat init` then `samizdat build`, as a new user would run them.
const temp = mkdtempSync(path.join(tmpdir(), 'samizdat-init-'))
after(() => rmSync(temp, { recursive: true, force: true }))

describe('samizdat init', () => {
  test('writes a book that builds with no warnings, its two citations resolved', async () => {
    const made = await runCli(['init', 'my-book'], { cwd: temp })
    assert.equal(made.code, 0, made.stderr)
    const dir = path.join(temp, 'my-book')
    assert.deepEqual(readdirSync(dir).sort(), ['01-beginning.md', '02-writing.md', 'README.md', 'book.yaml', 'references.bib'])
    assert.match(made.stderr, /samizdat build my-book --out my-book\/dist/)
    const built = await runCli(['build', 'my-book', '--out', 'my-book/dist'], { cwd: temp, timeoutMs: 300_000 })
    assert.equal(built.code, 0, built.stderr)
    assert.match(built.stderr, /0 errors, 0 warnings/)
    const html = fromHtml(readFileSync(path.join(dir, 'dist', 'book.html'), 'utf8'))
    assert.equal(hastToString(selectAll('.book-title', html)[0]!), 'My book')
    assert.deepEqual(
      selectAll('main section.chapter h1', html).map((heading) => hastToString(heading).trim()),
      ['Beginning', 'Writing'],
    )
    assert.equal(selectAll('.csl-entry', html).length, 2)
    const text = hastToString(html)
    assert.match(text, /Kropotkin/)
    assert.match(text, /Woolf/)
    assert.doesNotMatch(text, /@kropotkin1902|@woolf1929/)
  })

  test('refuses to overwrite a book, and changes none of its files', async () => {
    const dir = path.join(temp, 'existing')
    mkdirSync(dir)
    writeFileSync(path.join(dir, '01-mine.md'), '# Mine\n')
    const run = await runCli(['init', dir], { cwd: temp })
    assert.equal(run.code, 1)
    assert.match(run.stderr, /already holds a book \(01-mine\.md\).*init-existing-book/)
    assert.deepEqual(readdirSync(dir), ['01-mine.md'])
    const again = await runCli(['init', 'my-book'], { cwd: temp })
    assert.equal(again.code, 1)
    assert.match(again.stderr, /never overwrites/)
  })

  test('takes the title, author and language, quoted safely into book.yaml', async () => {
    const title = 'Mutual Aid: "A Factor" # of evolution'
    const run = await runCli(['init', 'zine', '--title', title, '--author', 'Reading Group', '--lang', 'en-GB'], { cwd: temp })
    assert.equal(run.code, 0, run.stderr)
    const checked = await runCli(['check', 'zine'], { cwd: temp })
    assert.equal(checked.code, 0, checked.stderr)
    const yaml = readFileSync(path.join(temp, 'zine', 'book.yaml'), 'utf8')
    assert.match(yaml, /^title: "Mutual Aid: \\"A Factor\\" # of evolution"$/m)
    assert.match(yaml, /^lang: "en-GB"$/m)
    const built = await runCli(['build', 'zine', '--out', 'zine/dist', '--format', 'html'], { cwd: temp })
    assert.equal(built.code, 0, built.stderr)
    assert.match(readFileSync(path.join(temp, 'zine', 'dist', 'book.html'), 'utf8'), /<title>Mutual Aid: "A Factor" # of evolution<\/title>/)
  })

  test('a folder with other files is fine; a file in the way is not', async () => {
    const dir = path.join(temp, 'notes')
    mkdirSync(dir)
    writeFileSync(path.join(dir, 'ideas.txt'), 'keep me')
    assert.equal((await runCli(['init', dir])).code, 0)
    assert.equal(readFileSync(path.join(dir, 'ideas.txt'), 'utf8'), 'keep me')
    writeFileSync(path.join(temp, 'a-file'), 'x')
    const run = await runCli(['init', path.join(temp, 'a-file')])
    assert.equal(run.code, 1)
    assert.match(run.stderr, /is a file, not a folder/)
    assert.ok(!existsSync(path.join(temp, 'a-file', 'book.yaml')))
  })
})
