import { closeSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs'
import { mkdir, readdir, readFile, rm, stat, utimes } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'
import { type BundleManifest, bundleInputs, manifestName } from './bundle-manifest.js'
import { writeFileAtomic } from '../lib/write-file-atomic.ts'

/** The repository (or installed package) root: where `package.json` is. */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url))

/** Where `npm install` / `npm ci` (the `prepare` script) and `npm run bundle` write the bundle. */
export const defaultBundleDir = path.join(packageRoot, '.bundle')

// Loaded at run time from node_modules, not bundled: Chromium's driver is large, reads its
// own files, and only the PDF stage and the preview load it.
const external = ['puppeteer-core']

// Old bundles' files are kept this long, so a build or preview still running from one can
// load its remaining chunks (only the previous bundle's are kept regardless of age).
const keepOldFilesMs = 24 * 60 * 60 * 1000

/**
 * Bundle `scripts/cli.ts` and the packages it imports into `outDir` (ESM,
 * code-split per command, so `check` still loads no PDF code), and write the
 * manifest `scripts/bin.js` checks before it runs the bundle. Files are named
 * by content and written atomically, so a samizdat already running from an
 * older bundle goes on undisturbed.
 */
export async function bundleSamizdat(outDir: string = defaultBundleDir): Promise<BundleManifest> {
  const sources = new Map<string, readonly [number, number]>()
  const toRoot = path.relative(outDir, packageRoot).split(path.sep).join('/')
  const result = await build({
    absWorkingDir: packageRoot,
    entryPoints: ['scripts/cli.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    splitting: true,
    // As tsx compiles: the code sent to the browser as source text expects keepNames' `__name`.
    keepNames: true,
    external,
    outdir: outDir,
    entryNames: '[name]-[hash]',
    write: false,
    metafile: true,
    logLevel: 'warning',
    banner: { js: banner(toRoot.endsWith('/') || toRoot === '' ? toRoot : `${toRoot}/`) },
    plugins: [sourcePaths(sources)],
  })
  await mkdir(outDir, { recursive: true })
  const written = new Set([manifestName])
  let entry: string | undefined
  for (const output of result.outputFiles) {
    const name = path.relative(outDir, output.path)
    written.add(name)
    await writeUnlessPresent(output.path, output.contents)
    const meta = result.metafile.outputs[path.relative(packageRoot, output.path).split(path.sep).join('/')]
    if (meta?.entryPoint === 'scripts/cli.ts') entry = name
  }
  if (!entry) throw new Error('esbuild made no bundle for scripts/cli.ts')
  const manifest: BundleManifest = { version: 1, entry, files: [...written].filter((name) => name !== manifestName), inputs: bundleInputs(packageRoot, sources) }
  const previous = await readFile(path.join(outDir, manifestName), 'utf8')
    .then((text) => (JSON.parse(text) as BundleManifest).files ?? [])
    .catch(() => [] as string[])
  await writeFileAtomic(path.join(outDir, manifestName), `${JSON.stringify(manifest)}\n`)
  await removeOldFiles(outDir, new Set([...written, ...previous]))
  return manifest
}

/**
 * Every chunk is its own module, so each starts with these: `require` for the
 * CommonJS packages and `createRequire` users, and the package root, which
 * stands in for each source file's own `import.meta.url` (see {@link sourcePaths}).
 */
function banner(toRoot: string): string {
  return [
    `import { createRequire as __samizdatCreateRequire } from 'node:module';`,
    `import { fileURLToPath as __samizdatFileURLToPath } from 'node:url';`,
    `const require = __samizdatCreateRequire(import.meta.url);`,
    `const __samizdatRoot = new URL(${JSON.stringify(toRoot)}, import.meta.url);`,
  ].join('\n')
}

/**
 * Keep each file's own location: `import.meta.url` (how samizdat finds its
 * styles, CSL files, templates and packages) and CommonJS `__dirname` name the
 * source file, not the chunk it ends up in. Also records the size and mtime
 * of each of samizdat's own sources as it is read, for the manifest.
 */
function sourcePaths(sources: Map<string, readonly [number, number]>): Plugin {
  return {
    name: 'samizdat-source-paths',
    setup(bundler) {
      bundler.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
        const relative = path.relative(packageRoot, args.path).split(path.sep).join('/')
        const own = !relative.startsWith('node_modules/') && !relative.startsWith('../')
        const { contents, stats } = readStable(args.path)
        if (own) sources.set(relative, stats)
        return { contents: relocate(contents, relative), loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js' }
      })
    },
  }
}

/** A file's text with the size and mtime it had when read (read again if it changed meanwhile). */
function readStable(file: string): { contents: string; stats: readonly [number, number] } {
  for (;;) {
    const fd = openSync(file, 'r')
    try {
      const before = fstatSync(fd)
      const contents = readFileSync(fd, 'utf8')
      const after = statSync(file)
      if (before.mtimeMs === after.mtimeMs && before.size === after.size) return { contents, stats: [after.mtimeMs, after.size] }
    } finally {
      closeSync(fd)
    }
  }
}

/** `import.meta.url` and `__dirname`/`__filename` of the file at `relative` (from the package root), as they are unbundled. */
export function relocate(contents: string, relative: string): string {
  const url = `new URL(${JSON.stringify(relative)}, __samizdatRoot)`
  let text = contents.replaceAll('import.meta.url', `${url}.href`)
  if (/\b__(?:dirname|filename)\b/.test(text) && !/\b(?:const|let|var|function)\s+__(?:dirname|filename)\b/.test(text)) {
    const directory = `new URL(${JSON.stringify(path.posix.dirname(relative) + '/')}, __samizdatRoot)`
    // One line, so esbuild's positions in warnings stay on the file's own lines.
    text = `var __filename = __samizdatFileURLToPath(${url}), __dirname = __samizdatFileURLToPath(${directory}).replace(/[\\\\/]$/, '');${text}`
  }
  return text
}

async function writeUnlessPresent(file: string, contents: Uint8Array): Promise<void> {
  const present = await stat(file).catch(() => undefined)
  if (present?.size === contents.byteLength) {
    // The name is the content's hash: the file is already there. Its mtime says it is in use.
    const now = new Date()
    await utimes(file, now, now)
    return
  }
  await mkdir(path.dirname(file), { recursive: true })
  await writeFileAtomic(file, contents)
}

async function removeOldFiles(outDir: string, keep: ReadonlySet<string>): Promise<void> {
  const cutoff = Date.now() - keepOldFilesMs
  for (const name of await readdir(outDir)) {
    if (keep.has(name)) continue
    const file = path.join(outDir, name)
    const info = await stat(file).catch(() => undefined)
    if (info?.isFile() && info.mtimeMs < cutoff) await rm(file, { force: true })
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const start = performance.now()
  const manifest = await bundleSamizdat(process.argv[2] ? path.resolve(process.argv[2]) : defaultBundleDir)
  console.error(`samizdat: bundled ${manifest.inputs.length} source files into ${manifest.files.length} files in ${Math.round(performance.now() - start)} ms`)
}
