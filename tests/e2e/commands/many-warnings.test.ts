import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { runCli } from '../../helpers/build-cli.ts'

// A book with 100 warnings of three kinds: the report stays readable, and --verbose has them all.
const dir = mkdtempSync(path.join(tmpdir(), 'samizdat-many-warnings-'))
const links = Array.from({ length: 80 }, (_, index) => `See [part ${index}](elsewhere-${index}.md).`).join('\n\n')
const ids = Array.from({ length: 15 }, (_, index) => `And [this](#nowhere-${index}).`).join('\n\n')
const html = Array.from({ length: 5 }, () => '<blink>old</blink>').join('\n\n')
writeFileSync(path.join(dir, 'one.md'), `# One\n\n${links}\n\n${ids}\n\n${html}\n`)

const warningLines = (stderr: string) => stderr.split('\n').filter((line) => /\swarning {2}/.test(line))

test('a 100-warning check prints each kind’s first five, a line for the rest of each, and the counts by rule', async () => {
  const run = await runCli(['check', dir])
  assert.equal(run.code, 0, run.stderr)
  assert.equal(warningLines(run.stderr).length, 15)
  assert.ok(run.stderr.split('\n').length < 40, `${run.stderr.split('\n').length} lines:\n${run.stderr}`)
  assert.match(run.stderr, /^… 75 more relative-link messages \(first 5 shown; `--verbose` for all\)$/m)
  assert.match(run.stderr, /0 errors, 100 warnings/)
  assert.match(run.stderr, /^ +80 {2}relative-link$/m)
})

test('--verbose prints all 100; --strict counts them all', async () => {
  const verbose = await runCli(['check', dir, '--verbose'])
  assert.equal(warningLines(verbose.stderr).length, 100)
  const strict = await runCli(['check', dir, '--strict'])
  assert.equal(strict.code, 1)
  assert.match(strict.stderr, /0 errors, 100 warnings/)
})
