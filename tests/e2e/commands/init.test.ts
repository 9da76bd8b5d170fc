import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { fromHtml } from 'hast-util-from-html'
import { selectAll } from 'hast-util-select'
import { toString as hastToString } from 'hast-util-to-string'
import { runCli } from '../../helpers/build-cli.ts'
import { run } from '../../helpers/run-command.ts'

// `samizdat init` then `samizdat build`, as a new user would run them.
const temp = mkdtempSync(path.join(tmpdir(), 'samizdat-init-'))
after(() => rmSync(temp, { recursive: true, force: true }))
const checkout = path.join(import.meta.dirname, '..', '..', '..')

describe('samizdat init', () => {
  test('on the PATH by npm link, as the README says: init ~/my-book, cd there, build writes ~/my-book/dist', async () => {
    // The README's way, with npm's global folder in the temp folder instead of the machine's.
    const prefix = path.join(temp, 'npm-global')
    const home = path.join(temp, 'home')
    mkdirSync(home)
    const linked = await run('npm', ['link', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: checkout, env: { npm_config_prefix: prefix } })
    assert.equal(linked.code, 0, linked.stderr)
    const env = { HOME: home, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env['PATH']}` }
    const made = await run('sh', ['-c', 'samizdat init ~/my-book'], { cwd: temp, env })
    assert.equal(made.code, 0, made.stderr)
    const dir = path.join(home, 'my-book')
    assert.deepEqual(readdirSync(dir).sort(), ['01-beginning.md', '02-writing.md', 'README.md', 'book.yaml', 'references.bib'])
    // What init prints works from where the user stands: cd into the book, then no folder to name.
    assert.match(made.stderr, /cd home\/my-book\n {2}samizdat check .*\n {2}samizdat preview .*\n {2}samizdat build .*into home\/my-book\/dist\//)
    assert.doesNotMatch(made.stderr, /not on your PATH/)
    // The book's README names its own folder, not one relative to where init ran.
    assert.match(readFileSync(path.join(dir, 'README.md'), 'utf8'), new RegExp(`cd ${dir.replaceAll('.', '\\.')}\n`))
    const built = await run('sh', ['-c', 'cd ~/my-book && samizdat build'], { cwd: temp, env, timeoutMs: 300_000 })
    assert.equal(built.code, 0, built.stderr)
    assert.match(built.stderr, /0 errors, 0 warnings/)
    assert.deepEqual(readdirSync(path.join(dir, 'dist')).filter((name) => name.startsWith('book')).sort(), ['book-booklet.pdf', 'book-cover.pdf', 'book.epub', 'book.html', 'book.pdf'])
    assert.ok(!existsSync(path.join(temp, 'dist')) && !existsSync(path.join(home, 'dist')))
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

  test('without samizdat on the PATH, init says how to put it there; build ../book writes into that book', async () => {
    const run1 = await runCli(['init', 'off-path'], { cwd: temp, env: { PATH: path.dirname(process.execPath) } })
    assert.equal(run1.code, 0, run1.stderr)
    assert.match(run1.stderr, /samizdat is not on your PATH yet: run `npm link` once in .*\n.*node .*scripts\/bin\.js/)
    const elsewhere = path.join(temp, 'elsewhere')
    mkdirSync(elsewhere)
    const built = await runCli(['build', '../off-path', '--format', 'html'], { cwd: elsewhere })
    assert.equal(built.code, 0, built.stderr)
    assert.ok(existsSync(path.join(temp, 'off-path', 'dist', 'book.html')))
    assert.deepEqual(readdirSync(elsewhere), [])
  })

  test('refuses to overwrite a book, and changes none of its files', async () => {
    const dir = path.join(temp, 'existing')
    mkdirSync(dir)
    writeFileSync(path.join(dir, '01-mine.md'), '# Mine\n')
    const run = await runCli(['init', dir], { cwd: temp })
    assert.equal(run.code, 1)
    assert.match(run.stderr, /already holds a book \(01-mine\.md\).*init-existing-book/)
    assert.deepEqual(readdirSync(dir), ['01-mine.md'])
    const again = await runCli(['init', 'off-path'], { cwd: temp })
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
