import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, test } from 'node:test'
import { strFromU8, unzipSync } from 'fflate'
import { runCli } from '../../helpers/build-cli.ts'
import { aceCli, runAce } from '../../helpers/run-ace.ts'

// The accessibility claims of two books built by the real command: one that
// cannot claim conformance, and a French book with pictures that can.
const fixtures = path.join(import.meta.dirname, '..', '..', 'fixtures', 'epub')
const out = mkdtempSync(path.join(tmpdir(), 'samizdat-a11y-'))
after(() => rmSync(out, { recursive: true, force: true }))

async function buildEpub(name: string): Promise<{ opf: string; files: Record<string, string>; stderr: string; epub: string }> {
  const dir = path.join(out, name)
  const run = await runCli(['build', path.join(fixtures, name), '--out', dir, '--format', 'epub'])
  assert.equal(run.code, 0, run.stderr)
  const epub = path.join(dir, 'book.epub')
  const files = Object.fromEntries(
    Object.entries(unzipSync(new Uint8Array(readFileSync(epub)))).flatMap(([entry, data]) => (/\.(opf|xhtml)$/.test(entry) ? [[entry, strFromU8(data)]] : [])),
  )
  return { opf: files['EPUB/package.opf']!, files, stderr: run.stderr, epub }
}

test('an untitled chapter and an image without alt text: no conformance claimed, and a warning says why', async () => {
  const { opf, stderr } = await buildEpub('untitled')
  assert.doesNotMatch(opf, /dcterms:conformsTo|a11y:certifiedBy/)
  assert.doesNotMatch(opf, /accessibilityFeature">alternativeText/)
  assert.doesNotMatch(opf, /accessModeSufficient">textual</)
  assert.match(opf, /accessModeSufficient">textual,visual</)
  assert.match(opf, /accessibilitySummary">[^<]*1 chapter has no title\.[^<]*1 of 1 images have no text alternative\.[^<]*does not claim WCAG conformance/)
  const warning = stderr.split('\n').find((line) => /epub-accessibility/.test(line))
  assert.ok(warning, stderr)
  assert.match(warning, /claims no WCAG 2\.1 Level AA conformance/)
  assert.match(warning, /1 of 1 image has no text alternative/)
  assert.match(warning, /`02-untitled\.md` has no title heading/)
})

test('a French book with images: the summary is tagged English, German passages are declared, Ace finds nothing', async (t) => {
  const { opf, files, epub } = await buildEpub('french')
  assert.match(opf, /<meta property="dcterms:conformsTo">EPUB Accessibility 1\.1 - WCAG 2\.1 Level AA<\/meta>/)
  assert.match(opf, /<meta property="schema:accessibilitySummary" xml:lang="en">/)
  assert.match(opf, /<dc:language>fr<\/dc:language>\s*<dc:language>de<\/dc:language>/)
  assert.match(files['EPUB/chapter-atelier.xhtml'] ?? '', /C’est l’outil qu’il faut\u00A0: l’atelier/)
  if (!aceCli) return t.skip('@daisy/ace-cli is not installed')
  const ace = await runAce(epub, path.join(out, 'french-ace'))
  assert.deepEqual(ace.violations, [])
  assert.deepEqual(ace.missingMetadata, [])
  assert.equal(ace.outcome, 'pass')
})
