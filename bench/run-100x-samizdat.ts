import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { makeBook } from './make-book.ts'
import { measureProcessTree } from './measure-process-tree.ts'

// The 100× book's own target, measured alone (the full `npm run bench -- --only 100x`
// also writes the print HTML for pagedjs-cli and runs Chromium's print: about 15 minutes).
const work = await mkdtemp(path.join(tmpdir(), 'samizdat-100x-'))
try {
  const book = await makeBook(path.resolve('manuscript'), path.join(work, 'book'), 100)
  const out = path.join(work, 'out')
  const result = await measureProcessTree(
    { command: process.execPath, args: ['scripts/bin.js', 'build', book.dir, '--out', out, '--format', 'pdf,epub'], env: { CI: '1', SAMIZDAT_CACHE: path.join(work, 'cache') } },
    { timeLimitMs: 20 * 60_000, memoryLimitBytes: 8 * 1024 ** 3 },
  )
  const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GiB`
  console.log(`100× book, samizdat PDF + EPUB: ${result.status} in ${(result.wallMs / 1000).toFixed(1)} s; peak ${gib(result.peakRssBytes)} RSS, ${gib(result.peakPssBytes)} PSS; ${result.peakProcesses} processes`)
  console.log(result.stderr.split('\n').slice(-8).join('\n'))
} finally {
  await rm(work, { recursive: true, force: true })
}
