import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PDFDocument } from 'pdf-lib'
import { homeSheet } from '../../../scripts/impose/home-sheet.ts'

const a5 = { width: (148 * 72) / 25.4, height: (210 * 72) / 25.4 }
const sixByNine = { width: 432, height: 648 }

async function pdf(lang?: string): Promise<PDFDocument> {
  const doc = await PDFDocument.create()
  if (lang) doc.setLanguage(lang)
  return doc
}

describe('homeSheet', () => {
  it("follows the book's region: Letter in the US and Canada (and CLDR's other Letter regions), A4 elsewhere", async () => {
    assert.equal(homeSheet(await pdf('en-GB'), a5), 'A4')
    assert.equal(homeSheet(await pdf('en-GB'), sixByNine), 'A4')
    assert.equal(homeSheet(await pdf('en-US'), a5), 'letter')
    assert.equal(homeSheet(await pdf('fr-CA'), a5), 'letter')
    assert.equal(homeSheet(await pdf('es-MX'), a5), 'letter')
    assert.equal(homeSheet(await pdf('de'), sixByNine), 'letter')
  })

  it('without a region, goes by the pages: inches → Letter, millimetres → A4', async () => {
    assert.equal(homeSheet(await pdf('en'), a5), 'A4')
    assert.equal(homeSheet(await pdf(), sixByNine), 'letter')
  })
})
