// Plain JavaScript: `scripts/bin.js` reads the manifest before anything can compile TypeScript.
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'

/** The manifest's file name inside the bundle folder. */
export const manifestName = 'manifest.json'

// Not bundled sources, yet the bundle is made from them: the bundler itself, and the
// installed packages (npm rewrites node_modules/.package-lock.json on every install).
const alwaysChecked = ['package.json', 'package-lock.json', 'node_modules/.package-lock.json', 'scripts/setup/bundle.ts', 'scripts/setup/bundle-manifest.js']

/** The manifest's inputs: `[path from the package root, mtimeMs, size]`, or `[path, null, null]` for a file that was absent. */
export function bundleInputs(root, sources) {
  const inputs = new Map(sources)
  for (const name of alwaysChecked) {
    if (inputs.has(name)) continue
    const info = statSync(path.join(root, name), { throwIfNoEntry: false })
    inputs.set(name, info ? [info.mtimeMs, info.size] : [null, null])
  }
  return [...inputs].map(([name, [mtimeMs, size]]) => [name, mtimeMs, size]).sort((a, b) => (a[0] < b[0] ? -1 : 1))
}

/**
 * The bundle's entry file when every source it was made from is as it was
 * then (same size and mtime), else undefined: a stale bundle never runs.
 */
export function freshBundleEntry(bundleDir, root) {
  let manifest
  try {
    manifest = JSON.parse(readFileSync(path.join(bundleDir, manifestName), 'utf8'))
  } catch {
    return undefined
  }
  if (manifest?.version !== 1 || typeof manifest.entry !== 'string' || !Array.isArray(manifest.inputs)) return undefined
  for (const [name, mtimeMs, size] of manifest.inputs) {
    const info = statSync(path.join(root, name), { throwIfNoEntry: false })
    if ((info?.mtimeMs ?? null) !== mtimeMs || (info?.size ?? null) !== size) return undefined
  }
  return path.join(bundleDir, manifest.entry)
}
