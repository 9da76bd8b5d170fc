import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { type BundleInput, bundleInputs, freshBundleEntry, manifestName } from '../../../scripts/setup/bundle-manifest.js'
import { relocate } from '../../../scripts/setup/bundle.ts'

test('relocate: import.meta.url names the source file, not the chunk', () => {
  const text = relocate("const styles = new URL('../styles/', import.meta.url)", 'scripts/pipeline.ts')
  assert.equal(text, `const styles = new URL('../styles/', new URL("scripts/pipeline.ts", __samizdatRoot).href)`)
})

test('relocate: CommonJS __dirname and __filename name the source file, on the same line', () => {
  const text = relocate("module.exports = require('path').join(__dirname, 'x')", 'node_modules/a/index.js')
  assert.match(text, /^var __filename = __samizdatFileURLToPath\(new URL\("node_modules\/a\/index.js", __samizdatRoot\)\), __dirname = /)
  assert.equal(text.split('\n').length, 1)
  // A module that declares its own keeps it.
  const own = 'const __dirname = path.dirname(fileURLToPath(import.meta.url)); console.log(__dirname)'
  assert.doesNotMatch(relocate(own, 'node_modules/b/index.js'), /^var __filename/)
})

test('freshBundleEntry: the entry while every input is as recorded, undefined once one changes, appears or goes', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'samizdat-bundle-'))
  try {
    const bundleDir = path.join(root, '.bundle')
    const source = path.join(root, 'a.ts')
    // Whole seconds: exact in every unit utimes and stat convert through.
    const then = Math.floor(Date.now() / 1000) - 5
    writeFileSync(source, 'export const a = 1\n')
    utimesSync(source, then, then)
    writeFileSync(path.join(root, 'package.json'), '{}\n')
    const inputs = bundleInputs(root, new Map([['a.ts', [then * 1000, 19]]]))
    assert.deepEqual(
      inputs.find(([name]) => name === 'package-lock.json'),
      ['package-lock.json', null, null],
    )
    writeManifest(bundleDir, inputs)
    const entry = path.join(bundleDir, 'cli-X.js')
    assert.equal(freshBundleEntry(bundleDir, root), entry)

    writeFileSync(source, 'export const a = 2\n')
    assert.equal(freshBundleEntry(bundleDir, root), undefined, 'an edited source')
    utimesSync(source, then, then)
    assert.equal(freshBundleEntry(bundleDir, root), entry)

    writeFileSync(path.join(root, 'package-lock.json'), '{}\n')
    assert.equal(freshBundleEntry(bundleDir, root), undefined, 'a file that was absent')
    rmSync(path.join(root, 'package-lock.json'))
    rmSync(source)
    assert.equal(freshBundleEntry(bundleDir, root), undefined, 'a source removed')

    writeFileSync(path.join(bundleDir, manifestName), '{"version": 2}')
    assert.equal(freshBundleEntry(bundleDir, root), undefined, 'an unknown manifest')
    rmSync(path.join(bundleDir, manifestName))
    assert.equal(freshBundleEntry(bundleDir, root), undefined, 'no manifest')
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})

function writeManifest(bundleDir: string, inputs: readonly BundleInput[]): void {
  mkdirSync(bundleDir, { recursive: true })
  writeFileSync(path.join(bundleDir, manifestName), JSON.stringify({ version: 1, entry: 'cli-X.js', files: ['cli-X.js'], inputs }))
}
