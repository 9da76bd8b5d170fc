import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { InvalidArgumentError } from 'commander'
import { bookOverrides, parseLength, parseMarks } from '../../../scripts/commands/book-flags.ts'
import { parseLang } from '../../../scripts/commands/init-flags.ts'
import { parseHost, parsePort } from '../../../scripts/commands/preview-flags.ts'
import { parseImposeFlags } from '../../../scripts/commands/run-impose.ts'

describe('book flags', () => {
  it('--bleed takes a CSS length with a unit, or 0', () => {
    assert.deepEqual(['3mm', '0.125in', '9pt', '0mm', '0.5cm', '3MM'].map(parseLength), ['3mm', '0.125in', '9pt', '0mm', '0.5cm', '3mm'])
    for (const bad of ['3', '0', '.5cm', '-3mm', 'three', '3 mm', '5em', '30mm']) assert.throws(() => parseLength(bad), InvalidArgumentError, bad)
  })

  it('--marks takes crop, cross or both', () => {
    assert.equal(parseMarks('crop'), 'crop')
    assert.equal(parseMarks('cross'), 'cross')
    assert.equal(parseMarks('crop,cross'), 'crop cross')
    assert.equal(parseMarks('cross crop,crop'), 'crop cross')
    assert.throws(() => parseMarks('bleed'), /unknown mark `bleed`/)
    assert.throws(() => parseMarks(','), InvalidArgumentError)
  })

  it('passes only the flags given, so book.yaml keeps its values', () => {
    assert.deepEqual(bookOverrides({}), {})
    assert.deepEqual(bookOverrides({ pageSize: 'A6', strict: true, bleed: '3mm', marks: 'crop' }), { pageSize: 'A6', strict: true, bleed: '3mm', marks: 'crop' })
  })
})

describe('preview and init flags', () => {
  it('--port is 0 to 65535', () => {
    assert.deepEqual(['0', '8080', '65535'].map(parsePort), [0, 8080, 65_535])
    for (const bad of ['-1', '65536', 'http', '80.5', '']) assert.throws(() => parsePort(bad), InvalidArgumentError, bad)
  })

  it('--host is an IP address or localhost', () => {
    assert.deepEqual(['127.0.0.1', 'localhost', '[::1]', '0.0.0.0'].map(parseHost), ['127.0.0.1', 'localhost', '::1', '0.0.0.0'])
    assert.throws(() => parseHost('example.com'), InvalidArgumentError)
  })

  it('--lang is a language tag', () => {
    assert.equal(parseLang('en-GB'), 'en-GB')
    assert.throws(() => parseLang('English'), InvalidArgumentError)
  })
})

describe('impose flags', () => {
  it('parses with the imposition parsers and names the flag on a bad value', () => {
    assert.deepEqual(parseImposeFlags('in.pdf', { layout: 'zine8', sheet: 'a4', marks: true }), { input: 'in.pdf', layout: 'zine8', sheet: 'A4', marks: true })
    assert.deepEqual(parseImposeFlags('in.pdf', { creep: '0.1', signature: '4', out: 'x.pdf' }), {
      input: 'in.pdf',
      layout: 'booklet',
      creepMm: 0.1,
      signatureSheets: 4,
      out: 'x.pdf',
    })
    assert.throws(() => parseImposeFlags('in.pdf', { layout: 'poster' }), /option '--layout <layout>' argument 'poster' is invalid/)
  })
})
