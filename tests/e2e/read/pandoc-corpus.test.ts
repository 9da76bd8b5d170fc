import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { promisify } from 'node:util'
import { runCli } from '../../helpers/build-cli.ts'
import { corpusBook, countLiteralMarkup, hasCorpus } from '../../helpers/corpus-book.ts'

const run = promisify(execFile)

// Issue 15's acceptance, on manuscripts other people wrote for pandoc: the web edition shows no
// pandoc markup as text, every pandoc-crossref reference resolves (no unknown citation key), and the
// EPUB passes EPUBCheck with no error and no warning.
for (const name of ['pandoc-book-template', 'phd-thesis', 'pandoc-manual']) {
  test(`${name}: no pandoc markup printed, references resolved, EPUB valid`, { skip: !hasCorpus(name) && 'the shared corpus is not on this machine', timeout: 600_000 }, async () => {
    const dir = corpusBook(name)
    const out = path.join(dir, 'dist')
    const build = await runCli(['build', dir, '--out', out, '--format', 'html,epub'], { timeoutMs: 600_000 })
    assert.equal(build.code, 0, build.stderr)
    const markup = countLiteralMarkup(readFileSync(path.join(out, 'book.html'), 'utf8'))
    assert.deepEqual(Object.fromEntries(markup), {}, 'pandoc markup printed as text in the web edition')
    for (const rule of ['unknown-citation-key', 'unknown-cross-reference', 'unread-markup']) {
      assert.doesNotMatch(build.stderr, new RegExp(`\\b${rule}\\b`), `${rule} warnings`)
    }
    // Image paths are written from the book folder, as pandoc resolves them: all found but the thesis's one missing file.
    const images = build.stderr.split('\n').filter((line) => / warning .*image-not-local$/.test(line))
    assert.deepEqual(
      images.map((line) => /Image `([^`]+)`/.exec(line)?.[1]),
      name === 'phd-thesis' ? ['source/figures/example_figure.pdf'] : [],
    )
    const check = await run('java', ['-jar', '/usr/share/java/epubcheck.jar', path.join(out, 'book.epub')], { maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout: string; stderr: string }) => error)
    assert.match(`${check.stdout}${check.stderr}`, /Messages: 0 fatals \/ 0 errors \/ 0 warnings/)
  })
}
