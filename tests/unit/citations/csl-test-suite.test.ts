import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { corpusDir, hasCorpus } from '../../helpers/corpus-book.ts'
import { keptGroups, passRates, runSuite } from './csl-suite/run-suite.ts'

// The CSL processor test suite through samizdat's citation path (references,
// one registry, one-pass positions, cluster rendering, bibliography), next to
// citeproc-js driven as its own runner drives it. In the groups that test the
// state samizdat keeps across a book, every fixture citeproc-js passes must
// pass, or be listed with its reason in csl-suite-exceptions.txt.
// All groups: `npm run citations:csl-suite`.

const exceptionsFile = path.join(import.meta.dirname, '..', '..', 'fixtures', 'citations', 'csl-suite-exceptions.txt')
const skip = hasCorpus('csl-test-suite') ? false : 'the shared corpus is not on this machine'

/** `fixture  kind  reason` lines; `#` starts a comment. */
function exceptions(): Map<string, string> {
  const listed = new Map<string, string>()
  for (const line of readFileSync(exceptionsFile, 'utf8').split('\n')) {
    const [name, ...reason] = line.replace(/#.*/, '').trim().split(/\s+/)
    if (name) listed.set(name, reason.join(' '))
  }
  return listed
}

test('samizdat passes every CSL fixture citeproc-js passes in the position, disambiguate, collapse, locator, integration, affix, label, page and number groups', { skip }, (t) => {
  const outcomes = runSuite(path.join(corpusDir, 'csl-test-suite'), keptGroups)
  for (const line of passRates(outcomes)) t.diagnostic(line)
  const listed = exceptions()
  for (const [name, reason] of listed) assert.match(reason, /^(note-capital|incremental|bug): \S/, `${name}: a kind and a reason`)
  const failing = outcomes.filter((outcome) => outcome.citeproc && !outcome.samizdat)
  const unexplained = failing.filter((outcome) => !listed.has(outcome.name))
  assert.deepEqual(
    unexplained.map((outcome) => `${outcome.name}: expected ${JSON.stringify(outcome.expected)}, samizdat ${JSON.stringify(outcome.got)}`),
    [],
  )
  // A listed fixture that passes now comes off the list.
  const stale = [...listed.keys()].filter((name) => !failing.some((outcome) => outcome.name === name))
  assert.deepEqual(stale, [])
})
