import assert from 'node:assert/strict'
import { test } from 'node:test'
import { PDFDocument } from 'pdf-lib'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { bookDate, bookOutline, type FinishPdfOptions, finishPdf } from '../../../scripts/print/finish/pdf-finish.ts'

/** What Chromium hands over: pages, a producer and build-time dates. */
async function chromiumLikePdf(pages: number, now = new Date()): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false })
  for (let index = 0; index < pages; index++) doc.addPage([420, 595])
  doc.setProducer('Skia/PDF m156')
  doc.setCreationDate(now)
  doc.setModificationDate(now)
  return doc.save()
}

const options: FinishPdfOptions = {
  metadata: { title: 'Ünïcode Book', authors: ['Ada', 'Bo'], subject: 'Tests', keywords: ['a', 'b'], lang: 'de-AT', date: '2021-03' },
  outline: [
    { title: 'One', level: 1, page: 3, top: 96 },
    { title: 'One.a', level: 2, page: 3, top: 400 },
    { title: 'One.a.i', level: 3, page: 4, top: 10 },
    { title: 'One.b', level: 2, page: 5, top: 0 },
    { title: 'Two — “zwei”', level: 1, page: 6, top: 0 },
  ],
  folios: [
    { value: 1, style: 'lower-roman' },
    { value: 2, style: 'lower-roman' },
    { value: 1, style: 'decimal' },
    { value: 2, style: 'decimal' },
    { value: 3, style: 'decimal' },
    { value: 5, style: 'decimal' },
  ],
  env: {},
}

test('metadata, outline and page labels', async () => {
  const { pdf, pageCount } = await finishPdf(await chromiumLikePdf(6), options)
  assert.equal(pageCount, 6)
  const doc = await getDocument({ data: pdf }).promise
  try {
    const info = (await doc.getMetadata()).info as Record<string, unknown>
    assert.equal(info['Title'], 'Ünïcode Book')
    assert.equal(info['Author'], 'Ada, Bo')
    assert.equal(info['Subject'], 'Tests')
    assert.equal(info['Keywords'], 'a b')
    assert.equal(info['Creator'], 'samizdat')
    assert.equal(info['Producer'], 'samizdat (Paged.js, Skia/PDF m156, pdf-lib)')
    assert.equal(info['CreationDate'], 'D:20210301000000Z')
    assert.equal(info['Language'], 'de-AT')
    assert.deepEqual(await doc.getPageLabels(), ['i', 'ii', '1', '2', '3', '5'])

    const outline = await doc.getOutline()
    const shape = async (items: typeof outline): Promise<unknown[]> =>
      Promise.all(
        items.map(async (item) => {
          const dest = item.dest as [Parameters<typeof doc.getPageIndex>[0], { name: string }, null, number, null]
          const page = (await doc.getPageIndex(dest[0])) + 1
          return [item.title, page, dest[3], ...(item.items.length > 0 ? [await shape(item.items)] : [])]
        }),
      )
    // 96 CSS px from the top of a 595 pt page is 72 pt down: y = 523.
    assert.deepEqual(await shape(outline), [
      ['One', 3, 523, [['One.a', 3, 295, [['One.a.i', 4, 587.5]]], ['One.b', 5, 595]]],
      ['Two — “zwei”', 6, 595],
    ])
  } finally {
    await doc.destroy()
  }
})

test('the same input gives the same bytes, whatever Chromium stamped as "now"', async () => {
  const first = await finishPdf(await chromiumLikePdf(6, new Date('2030-01-01T10:00:00Z')), options)
  const second = await finishPdf(await chromiumLikePdf(6, new Date('2031-06-09T11:12:13Z')), options)
  assert.equal(Buffer.compare(Buffer.from(first.pdf), Buffer.from(second.pdf)), 0)
  const text = Buffer.from(first.pdf).toString('latin1')
  const id = /\/ID \[ ?<([0-9a-f]{32})> <([0-9a-f]{32})> ?\]/i.exec(text)
  assert.ok(id, 'the trailer has an /ID')
  assert.equal(id[1], id[2])
  assert.notEqual(id[1], 'f'.repeat(32), 'the placeholder was replaced')
  const other = await finishPdf(await chromiumLikePdf(6), { ...options, metadata: { ...options.metadata, title: 'Other' } })
  assert.ok(!Buffer.from(other.pdf).toString('latin1').includes(id[1] ?? ''), 'other content, other /ID')
})

test('without a date nothing is stamped; SOURCE_DATE_EPOCH wins over the book date', async () => {
  const undated = await finishPdf(await chromiumLikePdf(1), {
    ...options,
    metadata: { title: 'x', authors: [], keywords: [], lang: 'en' },
    outline: [],
    folios: [],
  })
  const doc = await getDocument({ data: undated.pdf }).promise
  const info = (await doc.getMetadata()).info as Record<string, unknown>
  assert.equal(info['CreationDate'], undefined)
  assert.equal(info['ModDate'], undefined)
  await doc.destroy()

  assert.equal(bookDate('2021-03', '1700000000')?.toISOString(), '2023-11-14T22:13:20.000Z')
  assert.equal(bookDate('2021', undefined)?.toISOString(), '2021-01-01T00:00:00.000Z')
  assert.equal(bookDate('2021-03-04', undefined)?.toISOString(), '2021-03-04T00:00:00.000Z')
  assert.equal(bookDate('2021-03-04T05:06:07Z', undefined)?.toISOString(), '2021-03-04T05:06:07.000Z')
  assert.equal(bookDate('spring', undefined), undefined)
  assert.equal(bookDate(undefined, 'soon'), undefined)
})

test('bookOutline: the headings at their places, in book order; a heading not laid out is named, with no bookmark', () => {
  const toc = [
    { id: 'one', title: 'One', level: 1 },
    { id: 'gone', title: 'Gone', level: 2 },
    { id: 'two', title: 'Two', level: 1 },
  ]
  const { outline, missing } = bookOutline(toc, { two: { page: 9, top: 40 }, one: { page: 3, top: 0 } })
  assert.deepEqual(outline, [
    { title: 'One', level: 1, page: 3, top: 0 },
    { title: 'Two', level: 1, page: 9, top: 40 },
  ])
  assert.deepEqual(missing, ['heading #gone (“Gone”) is not in the laid-out book; it has no bookmark'])
})
