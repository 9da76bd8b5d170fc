// Writes samizdat's print build (print.html and its CSS, scripts and fonts)
// for a book, the input pagedjs-cli and Chromium's plain print are given.
// Run as a child process: `node --import tsx bench/write-print-html.ts BOOK DIR`.
import { manuscriptToBookTree } from '../scripts/read/manuscript-to-book-tree.ts'
import { writePrintBuild } from '../scripts/print/write-print-build.ts'

const [book, dir] = process.argv.slice(2)
if (!book || !dir) {
  process.stderr.write('usage: write-print-html.ts BOOK DIR\n')
  process.exit(2)
}
const { tree, files } = await manuscriptToBookTree(book)
const fatal = files.flatMap((file) => file.messages.filter((message) => message.fatal === true).map((message) => `${file.path}: ${message.reason}`))
if (fatal.length > 0) {
  process.stderr.write(`${fatal.join('\n')}\n`)
  process.exit(1)
}
const build = await writePrintBuild(tree, dir)
process.stdout.write(`${build.htmlFile}\n`)
