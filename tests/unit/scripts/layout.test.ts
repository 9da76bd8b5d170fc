// The layout of scripts/ (scripts/README.md): imports run one way, from the
// command line down to diagnostics, and no output stage reaches into another.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { build } from 'esbuild'

const root = path.join(import.meta.dirname, '..', '..', '..')
const scripts = path.join(root, 'scripts')

/** Every source under scripts/ (relative to it) with the sources it imports, statically or dynamically, as esbuild resolves them. */
async function importGraph(): Promise<Map<string, string[]>> {
  const entryPoints = readdirSync(scripts, { recursive: true, encoding: 'utf8' })
    .filter((entry) => /\.(ts|js)$/.test(entry) && !entry.endsWith('.d.ts'))
    .map((entry) => path.join('scripts', entry))
  const { metafile } = await build({ absWorkingDir: root, entryPoints, bundle: true, write: false, metafile: true, packages: 'external', platform: 'node', format: 'esm', outdir: 'out', logLevel: 'silent' })
  const own = (input: string) => (input.startsWith('scripts/') ? input.slice('scripts/'.length) : undefined)
  const graph = new Map<string, string[]>()
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    const file = own(input)
    if (file) graph.set(file, imports.flatMap((imported) => own(imported.path) ?? []))
  }
  return graph
}

const graph = await importGraph()
const folder = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : file)

// What each folder may import besides itself. Top-level files (cli.ts, pipeline.ts) and the
// commands and preview, which sit above the pipeline, may import anything.
const outputs = ['web', 'print', 'impose', 'epub']
const below = ['lib', 'config', 'diagnostics']
const allowed: Record<string, readonly string[]> = {
  diagnostics: [],
  config: ['diagnostics'],
  lib: ['config', 'diagnostics'],
  setup: below,
  citations: below,
  read: [...below, 'citations'],
  ...Object.fromEntries(outputs.map((output) => [output, below])),
}

test('a stage folder imports only the folders below it', () => {
  const wrong: string[] = []
  for (const [file, targets] of graph) {
    const rules = allowed[folder(file)]
    if (!rules) continue
    for (const target of targets) {
      if (folder(target) !== folder(file) && !rules.includes(folder(target))) wrong.push(`${file} → ${target}`)
    }
  }
  assert.deepEqual(wrong, [])
})

test('no import cycle', () => {
  const state = new Map<string, 'open' | 'done'>()
  const cycles: string[] = []
  const visit = (file: string, trail: string[]): void => {
    if (state.get(file) === 'done') return
    if (state.get(file) === 'open') {
      cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '))
      return
    }
    state.set(file, 'open')
    for (const target of graph.get(file) ?? []) visit(target, [...trail, file])
    state.set(file, 'done')
  }
  for (const file of graph.keys()) visit(file, [])
  assert.deepEqual(cycles, [])
})

test('the top of scripts/ is the pipeline, and no source file is long', () => {
  assert.ok(readdirSync(scripts).length <= 16, `scripts/ has ${readdirSync(scripts).length} entries`)
  const long = [...graph.keys()].filter((file) => readFileSync(path.join(scripts, file), 'utf8').split('\n').length > 300)
  assert.deepEqual(long, [])
})
