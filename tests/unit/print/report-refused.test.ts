import assert from 'node:assert/strict'
import { test } from 'node:test'
import { fromHtml } from 'hast-util-from-html'
import { VFile } from 'vfile'
import type { BookTree } from '../../../scripts/lib/book-model.ts'
import { reportRefused } from '../../../scripts/print/report-refused.ts'

const chapterHtml = [
  '<p>Text.</p>',
  "<script>new WebSocket('ws://127.0.0.1:9/t-ws')</script>",
  '<img src="http://127.0.0.1:9/t-img.png" alt="">',
  '<style>.x { background: url(http://127.0.0.1:9/t-bg.png) }</style>',
].join('\n')

function book(): { tree: BookTree; chapterFile: VFile; pdfFile: VFile } {
  const chapterFile = new VFile({ path: '01-chapter.md' })
  const hast = fromHtml(chapterHtml, { fragment: true })
  // reportRefused reads only the chapters' trees and files.
  const tree = { chapters: [{ hast, file: chapterFile }] } as unknown as BookTree
  return { tree, chapterFile, pdfFile: new VFile({ path: 'book.pdf' }) }
}

test('each refusal is a warning at the element that holds its URL', () => {
  const { tree, chapterFile, pdfFile } = book()
  reportRefused(tree, pdfFile, {
    blockedRequests: ['http://127.0.0.1:9/t-img.png', 'http://127.0.0.1:9/t-bg.png'],
    refused: [{ what: 'a WebSocket', url: 'ws://127.0.0.1:9/t-ws' }],
  })
  const seen = chapterFile.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`)
  assert.deepEqual(seen, [
    '3:1 blocked-request The print edition asked for `http://127.0.0.1:9/t-img.png`, which is not a file of the book; it was not loaded',
    '4:1 blocked-request The print edition asked for `http://127.0.0.1:9/t-bg.png`, which is not a file of the book; it was not loaded',
    '2:1 refused-connection The print edition tried to reach `ws://127.0.0.1:9/t-ws` by a WebSocket: refused, a book is laid out with no network at all',
  ])
  assert.deepEqual(pdfFile.messages, [])
})

test('a URL a script put together is found without its scheme; one written nowhere stays on book.pdf', () => {
  const { tree, chapterFile, pdfFile } = book()
  reportRefused(tree, pdfFile, { blockedRequests: ['http://127.0.0.1:9/t-ws', 'http://elsewhere.example/x'], refused: [] })
  assert.deepEqual(chapterFile.messages.map((message) => message.line), [2])
  assert.deepEqual(pdfFile.messages.map((message) => [message.line, message.ruleId]), [[undefined, 'blocked-request']])
})
