import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { runCli } from '../../helpers/build-cli.ts'
import { startRequestTrap } from '../../helpers/request-trap.ts'

// Liberation Sans ships with pdfjs-dist and is not a system font here, so only the book's own file can set the text.
const liberation = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts', 'LiberationSans-Regular.ttf')
const temp = mkdtempSync(path.join(tmpdir(), 'samizdat-look-'))
after(() => rmSync(temp, { recursive: true, force: true }))

describe("the book's own look", () => {
  test('a stylesheet and a local font file: the font is embedded, and no request leaves the machine', async () => {
    const trap = await startRequestTrap()
    try {
      const dir = path.join(temp, 'look')
      mkdirSync(path.join(dir, 'fonts'), { recursive: true })
      copyFileSync(liberation, path.join(dir, 'fonts', 'LiberationSans-Regular.ttf'))
      writeFileSync(path.join(dir, 'book.yaml'), 'title: "Own Look"\nstylesheet: [look.css, more.css]\nfonts: fonts/LiberationSans-Regular.ttf\nfontSize: 11pt\n')
      writeFileSync(path.join(dir, 'look.css'), ":root { --book-face: 'Liberation Sans'; }\nh1 { font-weight: 400; font-style: normal; }\n")
      // A stylesheet from many hands may reach out: the sandbox refuses and reports it.
      writeFileSync(path.join(dir, 'more.css'), `body { background-image: url(${trap.url}tracker.png); }\n@import url(${trap.url}more.css);\n`)
      writeFileSync(path.join(dir, '01.md'), '# One\n\nMutual aid is a factor of evolution.\n')
      const built = await runCli(['build', dir, '--format', 'pdf'], { cwd: temp, timeoutMs: 300_000 })
      assert.equal(built.code, 0, built.stderr)
      const fonts = execFileSync('pdffonts', [path.join(dir, 'dist', 'book.pdf')], { encoding: 'utf8' })
      assert.match(fonts, /\+LiberationSans\s.*\byes\s+yes\b/)
      assert.match(built.stderr, /asked for `http:\/\/127\.0\.0\.1:\d+\/tracker\.png`, which is not a file of the book.*blocked-request/)
      assert.deepEqual(trap.requests, [])
    } finally {
      await trap.close()
    }
  })

  test('a stylesheet that is not in the book folder stops the build at its line of book.yaml', async () => {
    const dir = path.join(temp, 'missing')
    mkdirSync(dir)
    writeFileSync(path.join(dir, 'book.yaml'), 'title: "Missing"\nstylesheet: nowhere.css\n')
    writeFileSync(path.join(dir, '01.md'), '# One\n\nText.\n')
    const run = await runCli(['check', dir], { cwd: temp })
    assert.equal(run.code, 1)
    assert.match(run.stderr, /missing\/book\.yaml:2:13 +error +`nowhere\.css` is not in the book folder.*missing-file/)
  })
})
