import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { fromHtml } from 'hast-util-from-html'
import { visit } from 'unist-util-visit'
import type { Element } from 'hast'
import { type CliRun, runCli } from '../../helpers/build-cli.ts'
import { startRequestTrap } from '../../helpers/request-trap.ts'

// The bad-input corpus: each folder of tests/fixtures/bad is a small
// manuscript with one thing wrong. The real CLI builds each as a child
// process; it must exit 1 with a positioned error or 0 with positioned
// warnings, in bounded time, never with a stack trace, never leaving a
// partial output or a Chromium behind.

const bad = path.join(import.meta.dirname, '..', '..', 'fixtures', 'bad')
let work: string

before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'samizdat-bad-input-'))
})
after(() => rmSync(work, { recursive: true, force: true }))

/** A message the report must hold: `file` relative to tests/fixtures/bad. */
interface Expected {
  readonly file: string
  readonly line?: number
  readonly column?: number
  readonly severity: 'error' | 'warning'
  readonly rule: string
  readonly reason?: RegExp
}

interface BadCase {
  readonly name: string
  /** Arguments after `build`; default: the case folder, all formats. */
  readonly args?: readonly string[]
  readonly formats?: string
  readonly code: 0 | 1
  readonly messages: readonly Expected[]
  readonly limitMs?: number
  /** More checks on the finished outputs. */
  readonly outputs?: (out: string) => void
  /** A check that fails today, reported as a todo until the stage that owns it is fixed. */
  readonly knownBug?: { readonly todo: string; readonly check: (out: string) => void }
}

const error = (file: string, line: number | undefined, column: number | undefined, rule: string, reason?: RegExp): Expected => ({
  file,
  ...(line === undefined ? {} : { line }),
  ...(column === undefined ? {} : { column }),
  severity: 'error',
  rule,
  ...(reason ? { reason } : {}),
})
const warning = (file: string, line: number, column: number, rule: string, reason?: RegExp): Expected => ({ ...error(file, line, column, rule, reason), severity: 'warning' })

const cases: readonly BadCase[] = [
  { name: 'frontmatter-yaml', code: 1, messages: [error('frontmatter-yaml/01-chapter.md', 2, 1, 'frontmatter-syntax', /not valid YAML.*quotes/)] },
  {
    name: 'book-yaml-schema',
    code: 1,
    messages: [
      error('book-yaml-schema/book.yaml', 2, 1, 'book-schema', /Unknown key `autor`.*did you mean `author`\?/),
      error('book-yaml-schema/book.yaml', 3, 11, 'book-schema', /`pageSize` must be one of A5, A6, A7, half-letter, quarter-letter, digest, 6x9, A4, or WIDTH x HEIGHT such as `120mm x 170mm`, but here it is the text "A3"/),
      error('book-yaml-schema/book.yaml', 4, 17, 'book-schema', /`numberSections` must be `true` or `false`, but here it is the text "yes"/),
    ],
  },
  { name: 'book-yaml-syntax', code: 1, messages: [error('book-yaml-syntax/book.yaml', 4, 1, 'yaml-syntax', /not valid YAML.*indentation/)] },
  { name: 'missing-chapter', code: 1, messages: [error('missing-chapter/book.yaml', 4, 5, 'missing-chapter', /`02-absent\.md` is listed in book\.yaml but there is no such file/)] },
  { name: 'chapter-outside', code: 1, messages: [error('chapter-outside/book.yaml', 4, 5, 'chapter-outside', /outside the manuscript folder/)] },
  { name: 'empty-manuscript', code: 1, messages: [error('empty-manuscript/01-empty.md', 1, 1, 'empty-manuscript', /`01-empty\.md` and `02-blank\.md` are all empty/)] },
  // A folder has no lines: the message names the folder.
  { name: 'empty-folder', code: 1, messages: [error('empty-folder', undefined, undefined, 'no-chapters', /has no Markdown/)] },
  { name: 'a file instead of a folder', args: ['hostile/01-hostile.md'], code: 1, messages: [error('hostile/01-hostile.md', undefined, undefined, 'missing-manuscript', /is a file, not a folder/)] },
  { name: 'not-utf8', code: 1, messages: [error('not-utf8/01-latin1.md', 1, 6, 'not-utf8', /not saved as UTF-8 \(byte 0xe9 at line 1, column 6/)] },
  { name: 'too-deep', code: 1, messages: [error('too-deep/01-chapter.md', 5, 501, 'nesting-too-deep', /more than 500 levels deep/)] },
  {
    name: 'unknown-citation-key',
    code: 0,
    formats: 'html,epub',
    messages: [
      warning('unknown-citation-key/01-chapter.md', 3, 39, 'unknown-citation-key', /`@kropotkn1902`.*did you mean `@kropotkin1902`\?/),
      warning('unknown-citation-key/01-chapter.md', 5, 25, 'unknown-citation-key', /`@nosuchwork`/),
    ],
  },
  // An unreadable entry is a warning and is left out; the book builds with the others.
  { name: 'malformed-bibtex', code: 0, messages: [warning('malformed-bibtex/references.bib', 7, 1, 'bibliography-syntax', /`broken2001`/)] },
  { name: 'missing-bibliography', code: 1, messages: [error('missing-bibliography/book.yaml', 4, 5, 'missing-bibliography', /`missing\.bib` not found/)] },
  {
    name: 'missing-image',
    code: 0,
    formats: 'html,epub',
    messages: [
      warning('missing-image/01-chapter.md', 5, 1, 'image-not-local', /`images\/map\.png` not found/),
      warning('missing-image/01-chapter.md', 9, 1, 'image-not-local', /`imgaes\/cover\.jpg` not found/),
    ],
    outputs: (out) => assert.match(readFileSync(path.join(out, 'book.html'), 'utf8'), /\[image: A map of the district\]/),
  },
  {
    name: 'unsupported-image',
    code: 0,
    formats: 'html,epub',
    messages: [
      warning('unsupported-image/01-chapter.md', 3, 1, 'image-not-local', /`\.tiff`.*convert it to PNG/),
      warning('unsupported-image/01-chapter.md', 5, 1, 'image-not-local', /`\.bmp`.*convert it to PNG/),
    ],
  },
  {
    name: 'broken-link',
    code: 0,
    formats: 'html,epub',
    messages: [
      warning('broken-link/01-chapter.md', 3, 39, 'broken-internal-link', /`#nowhere`/),
      warning('broken-link/02-second.md', 3, 36, 'broken-internal-link', /`#frist`/),
    ],
  },
  {
    name: 'duplicate-ids',
    code: 0,
    formats: 'html,epub',
    messages: [warning('duplicate-ids/01-chapter.md', 7, 1, 'duplicate-heading-id', /`part`/), warning('duplicate-ids/02-chapter.md', 1, 1, 'duplicate-heading-id', /`intro`/)],
  },
  {
    name: 'long-word',
    code: 0,
    formats: 'html,pdf,epub',
    messages: [],
    outputs: (out) => {
      assert.match(readFileSync(path.join(out, 'book.html'), 'utf8'), /A plain URL in text/)
      assert.match(pdfText(path.join(out, 'book.pdf')), /A word of 3,000 letters/)
      // Nothing after the 3,000-character URL is lost (Paged.js used to drop the rest of the chapter).
      assert.match(pdfText(path.join(out, 'book.pdf')), /A plain URL in text/)
    },
  },
  {
    name: 'deep-nesting',
    code: 0,
    formats: 'html,pdf,epub',
    messages: [warning('deep-nesting/01-chapter.md', 13, 21, 'deep-nesting', /nested 200 levels deep/)],
    outputs: (out) => assert.match(pdfText(path.join(out, 'book.pdf')), /Deep nesting/),
  },
  {
    name: 'many-footnotes',
    code: 0,
    formats: 'html,pdf,epub',
    messages: [],
    limitMs: 360_000,
    outputs: (out) => {
      const html = readFileSync(path.join(out, 'book.html'), 'utf8')
      assert.equal(html.match(/data-footnote-ref/g)?.length, 3000)
      assert.match(pdfText(path.join(out, 'book.pdf')), /Note 3000\./)
    },
  },
  {
    name: 'tall-image',
    code: 0,
    formats: 'pdf',
    messages: [],
    outputs: (out) => {
      const pdf = path.join(out, 'book.pdf')
      assert.ok(pageCount(pdf) < 16, 'a tall image is scaled to a page, not spread over blank pages')
      assert.match(pdfText(pdf), /Text after the picture/)
    },
  },
  {
    name: 'tall-table',
    code: 0,
    formats: 'pdf',
    messages: [],
    outputs: (out) => {
      const text = pdfText(path.join(out, 'book.pdf'))
      for (const row of ['Row 1 of', 'Row 200 of', 'Row 400 of', 'Text after the table']) assert.match(text, new RegExp(row))
    },
  },
]

describe('bad input: every case ends in a positioned message, in bounded time, with no partial output', () => {
  for (const badCase of cases) {
    test(badCase.name, async (t) => {
      const { run, out, before: previous, temp } = await build(badCase)
      assertNoCrash(run)
      assert.equal(run.code, badCase.code, `exit code\n${run.stderr}`)
      assert.ok(run.ms < (badCase.limitMs ?? 120_000), `took ${Math.round(run.ms)} ms`)
      const reported = parseReport(run.stderr)
      for (const expected of badCase.messages) {
        const found = reported.find(
          (message) =>
            message.file === expected.file &&
            message.line === expected.line &&
            (expected.column === undefined || message.column === expected.column) &&
            message.severity === expected.severity &&
            message.rule === expected.rule,
        )
        assert.ok(found, `expected ${expected.severity} ${expected.rule} at ${expected.file}:${expected.line}:${expected.column}\n${run.stderr}`)
        if (expected.reason) assert.match(found.reason, expected.reason)
      }
      for (const message of reported) assertReadable(message)
      // Everything the manuscript caused points into the manuscript (a folder has no lines).
      const folderLevel = new Set(badCase.messages.filter((expected) => expected.line === undefined).map((expected) => expected.file))
      for (const message of reported.filter((message) => /\.(md|ya?ml|bib)$/.test(message.file) && !folderLevel.has(message.file))) {
        assert.ok(message.line !== undefined && message.line >= 1, `no line: ${message.raw}`)
      }
      if (badCase.code === 1) {
        assert.equal(reported.filter((message) => message.severity === 'error').length >= 1, true)
        assert.deepEqual(snapshot(out), previous, 'a failed build leaves --out as it was')
      } else {
        assert.equal(reported.filter((message) => message.severity === 'error').length, 0, run.stderr)
        const made = (badCase.formats ?? 'html,pdf,epub,booklet').split(',')
        if (made.includes('html')) assert.notEqual(readFileSync(path.join(out, 'book.html'), 'utf8'), 'the previous build\n')
        for (const [format, name] of [['pdf', 'book.pdf'], ['epub', 'book.epub']]) if (made.includes(format!)) assert.ok(statSync(path.join(out, name!)).size > 0, name)
        badCase.outputs?.(out)
        if (badCase.knownBug) await t.test(badCase.knownBug.todo, { todo: badCase.knownBug.todo }, () => badCase.knownBug?.check(out))
      }
      assertNoStrayChromium(temp)
    })
  }
})

describe('--strict', () => {
  test('warnings fail the build, and a failed build leaves --out as it was', async (t) => {
    const { run, out, before: previous } = await build({ name: 'broken-link --strict', args: ['broken-link', '--strict'], formats: 'html', code: 1, messages: [] })
    assertNoCrash(run)
    assert.equal(run.code, 1, run.stderr)
    assert.match(run.stderr, /warnings count as errors/)
    await t.test('nothing written', () =>
      assert.deepEqual(snapshot(out), previous),
    )
  })
})

describe('hostile manuscript', () => {
  test('raw HTML and Markdown that try to fetch or read files leave nothing in book.html that could, and the whole build makes no request', async () => {
    const trap = await startRequestTrap()
    try {
      const dir = path.join(work, 'hostile')
      cpSync(path.join(bad, 'hostile'), dir, { recursive: true })
      const chapter = path.join(dir, '01-hostile.md')
      writeFileSync(chapter, readFileSync(chapter, 'utf8').replaceAll('http://127.0.0.1:9/', trap.url))
      const temp = mkdtempSync(path.join(work, 'tmp-'))
      const out = path.join(work, 'hostile-out')
      const run = await runCli(['build', dir, '--out', out, '--format', 'html,pdf,epub'], { env: { TMPDIR: temp }, timeoutMs: 180_000 })
      assertNoCrash(run)
      assert.equal(run.code, 0, run.stderr)
      assert.deepEqual(trap.requests, [], 'requests reached the trap')
      const reported = parseReport(run.stderr)
      assert.deepEqual(
        reported.filter((message) => message.rule === 'blocked-request').map((message) => message.reason),
        [],
        'the front half must leave nothing for the browser sandbox to block',
      )
      for (const rule of ['unsafe-html', 'unsafe-link', 'image-not-local']) assert.ok(reported.some((message) => message.rule === rule), rule)
      assertInert(readFileSync(path.join(out, 'book.html'), 'utf8'), new URL(trap.url).host)
      assertNoStrayChromium(temp)
    } finally {
      await trap.close()
    }
  })
})

describe('hostile manuscript, trusted', () => {
  test('with `trustedHtml: true` the raw HTML reaches the browser, and its sandbox still lets no request out', async (t) => {
    const trap = await startRequestTrap()
    try {
      const dir = path.join(work, 'hostile-trusted')
      cpSync(path.join(bad, 'hostile'), dir, { recursive: true })
      writeFileSync(path.join(dir, 'book.yaml'), 'title: Trusted and hostile\ntrustedHtml: true\n')
      const chapter = path.join(dir, '01-hostile.md')
      writeFileSync(chapter, readFileSync(chapter, 'utf8').replaceAll('http://127.0.0.1:9/', trap.url))
      const temp = mkdtempSync(path.join(work, 'tmp-'))
      const run = await runCli(['build', dir, '--out', path.join(work, 'hostile-trusted-out'), '--format', 'pdf'], { env: { TMPDIR: temp }, timeoutMs: 180_000 })
      assert.notEqual(run.code, null, 'killed after the time limit')
      assert.deepEqual(trap.requests, [], 'requests reached the trap')
      assertNoStrayChromium(temp)
      await t.test('ends in a message about the HTML, not a crash', () => assertNoCrash(run))
    } finally {
      await trap.close()
    }
  })
})

describe('determinism', () => {
  for (const book of ['manuscript', 'tests/fixtures/bad/hostile']) {
    test(`two HTML builds of ${book} are byte-identical, assets included`, async () => {
      const root = path.join(import.meta.dirname, '..', '..', '..')
      const outs = [path.join(work, `same-1-${path.basename(book)}`), path.join(work, `same-2-${path.basename(book)}`)]
      for (const out of outs) {
        const run = await runCli(['build', path.join(root, book), '--out', out, '--format', 'html'])
        assert.equal(run.code, 0, run.stderr)
      }
      const [first, second] = outs.map((out) => snapshot(out))
      assert.ok(Object.keys(first!).length > 2)
      assert.deepEqual(second, first)
    })
  }
})

/** Build `badCase` into a fresh --out that already holds a previous `book.html`. */
async function build(badCase: BadCase) {
  const out = path.join(work, `${badCase.name.replace(/\W+/g, '-')}-out`)
  mkdirSync(out, { recursive: true })
  writeFileSync(path.join(out, 'book.html'), 'the previous build\n')
  const previous = snapshot(out)
  const temp = mkdtempSync(path.join(work, 'tmp-'))
  // --verbose: each case asserts every message, not each rule's first few.
  const args = ['build', ...(badCase.args ?? [badCase.name]), '--out', out, '--verbose', ...(badCase.formats ? ['--format', badCase.formats] : [])]
  // TMPDIR marks the Chromium this build starts (its profile lives there), to find strays.
  const run = await runCli(args, { cwd: bad, env: { TMPDIR: temp }, timeoutMs: (badCase.limitMs ?? 120_000) + 10_000 })
  return { run, out, before: previous, temp }
}

interface Reported {
  readonly file: string
  readonly line: number | undefined
  readonly column: number | undefined
  readonly severity: string
  readonly reason: string
  readonly rule: string
  readonly raw: string
}

/** The report's `file:line:col  severity  reason  rule` lines. */
function parseReport(stderr: string): Reported[] {
  // runCli sets CI=1: no colours to strip.
  const lines = stderr.split('\n')
  return lines.flatMap((raw) => {
    const match = /^(\S+?)(?::(\d+):(\d+))?\s+(error|warning|info)\s{2}(.+?)\s{2}([a-z][a-z0-9-]*)$/.exec(raw)
    if (!match) return []
    const [, file, line, column, severity, reason, rule] = match
    return [{ file: file!, line: line ? Number(line) : undefined, column: column ? Number(column) : undefined, severity: severity!, reason: reason!, rule: rule!, raw }]
  })
}

function assertNoCrash(run: CliRun): void {
  assert.notEqual(run.code, null, `killed after the time limit\n${run.stderr}`)
  assert.doesNotMatch(run.stderr, /^\s+at .+:\d+:\d+\)?$/m, 'a stack trace')
  assert.doesNotMatch(run.stderr, /SAMIZDAT_DEBUG=1 to see where/, 'a crash')
}

/** A message a writer can act on: a sentence, not an exception. */
function assertReadable(message: Reported): void {
  assert.ok(message.reason.length >= 20, `too short: ${message.raw}`)
  assert.doesNotMatch(message.reason, /undefined|\[object |TypeError|RangeError|ENOENT|\bat \//, message.raw)
}

/** Every file under `dir` with its bytes (base64), for before/after comparisons. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name)
      if (entry.isDirectory()) walk(file)
      else files[path.relative(dir, file)] = readFileSync(file).toString('base64')
    }
  }
  if (existsSync(dir)) walk(dir)
  return files
}

/** No Chromium (or its helpers) still running from the build that used `temp`, and no temp files left. */
function assertNoStrayChromium(temp: string): void {
  const found = spawnSync('pgrep', ['-af', temp], { encoding: 'utf8' }).stdout.trim()
  assert.equal(found, '', `processes left running:\n${found}`)
  // tsx keeps its compile cache there; everything samizdat makes must be gone.
  assert.deepEqual(
    readdirSync(temp).filter((name) => !name.startsWith('tsx-')),
    [],
    'temporary files left behind',
  )
}

/**
 * Nothing in `html` can make a request or show a local file: no script,
 * style, frame, object, embed, link (but the book's own stylesheets), meta
 * refresh or base; no `javascript:`; no attribute that a browser fetches
 * pointing at `trapHost` or outside the book. Links (`a[href]`) and `cite`
 * are never fetched; `data-*` attributes are inert.
 */
function assertInert(html: string, trapHost: string): void {
  assert.doesNotMatch(html, /<script|javascript:|\/etc\/|file:/i)
  const tree = fromHtml(html)
  visit(tree, 'element', (node: Element) => {
    assert.ok(!['script', 'style', 'iframe', 'frame', 'object', 'embed', 'base', 'svg', 'video', 'audio', 'source', 'form', 'template'].includes(node.tagName), `<${node.tagName}> in book.html`)
    if (node.tagName === 'link') assert.match(String(node.properties['href']), /^assets\/[\w.-]+\.css$/)
    if (node.tagName === 'meta') assert.equal(node.properties['httpEquiv'], undefined)
    for (const [name, value] of Object.entries(node.properties)) {
      if (/^on/i.test(name)) assert.fail(`event handler ${name} on <${node.tagName}>`)
      assert.notEqual(name, 'style', `style on <${node.tagName}>`)
      assert.notEqual(name, 'srcSet', `srcset on <${node.tagName}>`)
      const inert = (node.tagName === 'a' && name === 'href') || name === 'cite' || name.startsWith('data')
      if (!inert) assert.ok(!String(value).includes(trapHost), `${name}="${value}" on <${node.tagName}>`)
    }
    if (node.tagName === 'img') assert.doesNotMatch(String(node.properties['src']), /^[a-z]+:|^\/|\.\./i)
  })
}

function pdfText(file: string): string {
  assert.ok(statSync(file).size > 0)
  return spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout.replace(/\u00ad/g, '')
}

function pageCount(file: string): number {
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])
}
