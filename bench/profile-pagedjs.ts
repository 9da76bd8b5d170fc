// Where Paged.js spends its time laying out samizdat's print HTML: a CPU
// profile (the DevTools Profiler domain, 200 µs sampling) of the layout alone,
// with the time of every page. Self time is attributed to Paged.js's functions,
// samizdat's hooks (print-layout.js), the DOM calls that force style and
// layout (getBoundingClientRect, getComputedStyle …) and the garbage collector.
// Usage: `node --import tsx bench/profile-pagedjs.ts [BOOK] [COPIES]` (default:
// the default book, once; COPIES > 1 makes a longer book with bench/make-book.ts).
// Prints a Markdown report; the raw profile goes to $TMPDIR.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { withBrowser } from '../scripts/print/browser/browser-session.ts'
import { layOutPages, preparePagedLayout } from '../scripts/print/layout/paged-layout.ts'
import { writePrintBuild } from '../scripts/print/write-print-build.ts'
import { manuscriptToBookTree } from '../scripts/read/manuscript-to-book-tree.ts'
import { makeBook } from './make-book.ts'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

const [bookArg, copiesArg] = process.argv.slice(2)
const work = await mkdtemp(path.join(tmpdir(), 'samizdat-profile-'))
const copies = Number(copiesArg ?? 1)
const source = path.resolve(bookArg ?? 'manuscript')
const bookDir = copies > 1 ? (await makeBook(source, path.join(work, 'book'), copies)).dir : source
const { tree } = await manuscriptToBookTree(bookDir)
const build = await writePrintBuild(tree, path.join(work, 'print'))
const documentUrl = pathToFileURL(build.htmlFile).href

const { profile, pageTimes } = await withBrowser({ protocolTimeoutMs: 30 * 60_000 }, async (session) => {
  const { page } = await session.newPage({ allowedRoots: [path.join(work, 'print')], documentUrl })
  await page.emulateMediaType('print')
  await preparePagedLayout(page)
  await page.goto(documentUrl, { waitUntil: 'load', timeout: 0 })
  await page.addScriptTag({ path: path.join(path.dirname(new URL(import.meta.resolve('pagedjs')).pathname), '..', 'dist', 'paged.polyfill.js') })
  // The time each page is finished, from a handler of our own (registered before samizdat's run starts Paged.js).
  await page.evaluate(`{
    window.__pageTimes = [];
    const contain = ${JSON.stringify(process.env['PROFILE_CONTAIN'] ?? '')};
    class PageClock extends Paged.Handler { afterPageLayout(page) { window.__pageTimes.push(performance.now()); if (contain) { const previous = page.previousElementSibling; if (previous) previous.style.contain = contain } } }
    Paged.registerHandlers(PageClock);
    window.__layoutStart = performance.now();
  }`)
  const cdp = await page.createCDPSession()
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  await layOutPages(page, { limitMs: 30 * 60_000, stallMs: 5 * 60_000 })
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }
  const times = (await page.evaluate('[window.__layoutStart, ...window.__pageTimes]')) as number[]
  return { profile, pageTimes: times }
})
const profileFile = path.join(work, 'layout.cpuprofile')
await writeFile(profileFile, JSON.stringify(profile))

// Self time per function, in ms.
const self = new Map<number, number>()
for (const [index, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000)
const byFunction = new Map<string, number>()
const byGroup = new Map<string, number>()
for (const node of profile.nodes) {
  const ms = self.get(node.id) ?? 0
  if (ms === 0) continue
  const { functionName, url, lineNumber } = node.callFrame
  const file = url.split('/').pop() ?? ''
  const group = file.includes('paged.polyfill') ? 'Paged.js (JavaScript)' : file === 'print-layout.js' ? 'samizdat hooks (print-layout.js)' : url === '' ? `native: ${functionName || '(anonymous)'}` : `other script: ${file}`
  byGroup.set(group, (byGroup.get(group) ?? 0) + ms)
  const name = `${functionName || '(anonymous)'}${file ? ` (${file}:${lineNumber + 1})` : ''}`
  byFunction.set(name, (byFunction.get(name) ?? 0) + ms)
}
const total = (profile.endTime - profile.startTime) / 1000
const pages = pageTimes.length - 1
const perPage = pageTimes.slice(1).map((time, index) => time - pageTimes[index]!)
const tenth = Math.max(1, Math.floor(pages / 10))
const deciles = Array.from({ length: Math.ceil(pages / tenth) }, (_, k) => perPage.slice(k * tenth, (k + 1) * tenth)).map(
  (slice, k) => `pages ${k * tenth + 1}–${k * tenth + slice.length}: ${(slice.reduce((a, b) => a + b, 0) / slice.length).toFixed(1)} ms`,
)
const rows = (map: Map<string, number>, count: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => `| ${name.replaceAll('|', '\\|')} | ${ms.toFixed(0)} | ${((100 * ms) / total).toFixed(1)} % |`)
    .join('\n')
process.stdout.write(
  [
    `# Paged.js layout profile: ${path.basename(source)}${copies > 1 ? ` ×${copies}` : ''}, ${pages} pages`,
    '',
    `Layout ${total.toFixed(0)} ms (${(total / pages).toFixed(1)} ms a page); load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}. Raw profile: ${profileFile}`,
    '',
    `Time per page, by tenth of the document: ${deciles.join('; ')}`,
    '',
    '| where (self time) | ms | share |',
    '| --- | --- | --- |',
    rows(byGroup, 25),
    '',
    '| function (self time) | ms | share |',
    '| --- | --- | --- |',
    rows(byFunction, 40),
    '',
  ].join('\n'),
)
