import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { VFile } from 'vfile'
import { failFile } from '../diagnostics/fail.ts'

const require = createRequire(import.meta.url)
const checkout = fileURLToPath(new URL('../../', import.meta.url))

/** The npm package a typeface name is installed from: `Source Serif 4` → `@fontsource/source-serif-4`. */
export function typefacePackage(typeface: string): string {
  return `@fontsource/${typeface.trim().toLowerCase().replace(/\s+/g, '-')}`
}

/**
 * Stop at book.yaml's `typeface` line when that face is not installed where
 * samizdat looks for it (its own node_modules), with the command that
 * installs it, so `check` finds it before a build lays anything out.
 */
export function checkTypeface(typeface: string, configFile: VFile, place: Parameters<typeof failFile>[3]): void {
  const name = typefacePackage(typeface)
  try {
    require.resolve(`${name}/package.json`)
  } catch {
    failFile(
      configFile,
      `Typeface \`${typeface}\` is not installed: run \`npm install ${name}\` in samizdat's folder (\`cd ${checkout} && npm install ${name}\`; any face on fontsource.org works), or put its font files in the book folder under \`fonts:\` and name it in your \`stylesheet:\``,
      'typeface-not-installed',
      place,
    )
  }
}
