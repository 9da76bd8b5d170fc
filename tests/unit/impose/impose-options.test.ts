import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { InvalidArgumentError } from 'commander'
import { defaultOutput, parseCreep, parseLayout, parseSheet, parseSignature } from '../../../scripts/commands/impose.ts'

describe('samizdat impose options', () => {
  it('reads layouts and sheets in any case', () => {
    assert.equal(parseLayout('Zine8'), 'zine8')
    assert.equal(parseSheet('a3'), 'A3')
    assert.equal(parseSheet('LETTER'), 'letter')
    assert.throws(() => parseLayout('trifold'), InvalidArgumentError)
    assert.throws(() => parseSheet('B5'), /choose one of A5, A4, A3, letter, tabloid/)
  })

  it('takes creep in mm from 0 to 2, signatures as whole sheets', () => {
    assert.equal(parseCreep('0.1'), 0.1)
    assert.equal(parseCreep('0'), 0)
    for (const bad of ['', '-1', 'thin', '5']) assert.throws(() => parseCreep(bad), InvalidArgumentError, bad)
    assert.equal(parseSignature('8'), 8)
    for (const bad of ['0', '2.5', 'eight', '']) assert.throws(() => parseSignature(bad), InvalidArgumentError, bad)
  })

  it('writes next to the input by default', () => {
    assert.equal(defaultOutput('dist/book.pdf', 'booklet'), 'dist/book-booklet.pdf')
    assert.equal(defaultOutput('zine.pdf', 'zine8'), 'zine-zine.pdf')
  })
})
