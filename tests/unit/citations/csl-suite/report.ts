import { corpusDir } from '../../../helpers/corpus-book.ts'
import path from 'node:path'
import { passRates, runSuite } from './run-suite.ts'

// `npm run citations:csl-suite [group…]`: pass rates per fixture group of the
// CSL test suite, citeproc-js against samizdat's citation path, and each
// fixture citeproc-js passes that samizdat's path does not.
const groups = process.argv.slice(2)
const outcomes = runSuite(path.join(corpusDir, 'csl-test-suite'), groups.length > 0 ? groups : undefined)
console.log(passRates(outcomes).join('\n'))
for (const outcome of outcomes.filter((each) => each.citeproc && !each.samizdat)) {
  console.log(`\n${outcome.name}\n  expected ${JSON.stringify(outcome.expected)}\n  samizdat ${JSON.stringify(outcome.got)}`)
}
