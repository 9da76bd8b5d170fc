#!/usr/bin/env node
// The `samizdat` command. It runs the bundle `npm install`/`npm ci` made (see
// scripts/setup/bundle.ts) when that was made from the sources as they are now:
// loading a few large files is much faster than compiling and loading hundreds
// of small ones. Otherwise (sources edited since, no bundle, or
// SAMIZDAT_BUNDLE=off) the TypeScript runs through tsx, as written.
import { fileURLToPath, pathToFileURL } from 'node:url'
import { freshBundleEntry } from './setup/bundle-manifest.js'

const setting = process.env['SAMIZDAT_BUNDLE']
const root = fileURLToPath(new URL('../', import.meta.url))
const entry = setting === 'off' ? undefined : freshBundleEntry(fileURLToPath(new URL('../.bundle/', import.meta.url)), root)
if (!entry && setting === 'on') {
  // For CI: proves the tests ran the bundle, not tsx.
  console.error('samizdat: SAMIZDAT_BUNDLE=on, but .bundle/ is missing or older than the sources: run `npm run bundle`')
  process.exit(2)
}
let main
if (entry) {
  ;({ main } = await import(pathToFileURL(entry).href))
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('./cli.ts'))
}
process.exitCode = await main(process.argv.slice(2))
