import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { promisify } from 'node:util'
import { runCli } from '../../helpers/build-cli.ts'
import { corpusBook, hasCorpus } from '../../helpers/corpus-book.ts'

const run = promisify(execFile)

// Issue 14's acceptance on a 10-file slice of the Rust book (an mdBook): links between its chapter
// files all reach their chapter or id, files that start at `##` get their titles, SVG figures are
// sanitised, and the EPUB passes EPUBCheck with no error and no warning.
const slice = [
  'ch04-00-understanding-ownership.md',
  'ch04-01-what-is-ownership.md',
  'ch04-02-references-and-borrowing.md',
  'ch04-03-slices.md',
  'ch05-00-structs.md',
  'ch05-01-defining-structs.md',
  'ch05-02-example-structs.md',
  'ch05-03-method-syntax.md',
  'ch06-00-enums.md',
  'ch06-01-defining-an-enum.md',
]

test('rust-book slice: every link to a chapter file kept, no untitled chapter, EPUB valid', { skip: !hasCorpus('rust-book') && 'the shared corpus is not on this machine', timeout: 300_000 }, async () => {
  const dir = corpusBook('rust-book')
  writeFileSync(path.join(dir, 'book.yaml'), `title: The Rust Programming Language (chapters 4 to 6)\nauthor: Steve Klabnik, Carol Nichols and Chris Krycho\nlang: en-US\nchapters:\n${slice.map((name) => `  - ${name}`).join('\n')}\n`)
  const out = path.join(dir, 'dist')
  const build = await runCli(['build', dir, '--out', out, '--format', 'html,epub', '--verbose'], { timeoutMs: 300_000 })
  assert.equal(build.code, 0, build.stderr)
  // Links in the slice's own Markdown to another file of the slice.
  // The Rust book writes them as references to mdBook's output names: `[ownership]: ch04-01-what-is-ownership.html#…`.
  const target = /(?:\]\(|\]:\s*)(?:\.\/)?(ch[0-9-]+[a-z0-9-]*)\.(?:md|html)/g
  const written = slice.flatMap((name) => [...readFileSync(path.join(dir, name), 'utf8').matchAll(target)].filter((match) => slice.includes(`${match[1]}.md`)))
  assert.ok(written.length >= 4, `${written.length} links between the slice's files`)
  for (const name of slice) assert.doesNotMatch(build.stderr, new RegExp(`Link to \`${name.replace('.', '\\.')}[#\`].*relative-link`), `a link to ${name} was lost`)
  for (const rule of ['missing-chapter-title', 'missing-link-id']) assert.doesNotMatch(build.stderr, new RegExp(`\\b${rule}$`, 'm'), `${rule} warnings`)
  const html = readFileSync(path.join(out, 'book.html'), 'utf8')
  const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]))
  const internal = [...html.matchAll(/<a [^>]*href="#([^"]+)"/g)].map((match) => decodeURIComponent(match[1]!))
  assert.ok(internal.length >= written.length, `${internal.length} in-book links in the web edition for ${written.length} written`)
  assert.deepEqual(internal.filter((id) => !ids.has(id)), [], 'in-book links that lead nowhere')
  assert.doesNotMatch(html, /\{\{#(include|rustdoc_include)/, 'mdBook directives printed as text')
  const check = await run('java', ['-jar', '/usr/share/java/epubcheck.jar', path.join(out, 'book.epub')], { maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout: string; stderr: string }) => error)
  assert.match(`${check.stdout}${check.stderr}`, /Messages: 0 fatals \/ 0 errors \/ 0 warnings/)
})
