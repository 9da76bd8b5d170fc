import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { bundledStylesDir } from '../../../../scripts/citations/load-csl-style.ts'

const dirs = [path.join(bundledStylesDir, 'locales'), '/usr/share/citation-style-language/locales'].filter((dir) => existsSync(dir))
const cache = new Map<string, string>()

/** The locale file for a tag, as citeproc's `retrieveLocale` asks for it (`fr-FR`, `de`); en-US when there is none. */
export function fixtureLocale(tag: string): { lang: string; xml: string } {
  const wanted = [tag, `${tag.split('-')[0]}-${tag.split('-')[0]!.toUpperCase()}`, 'en-US']
  for (const candidate of wanted) {
    for (const dir of dirs) {
      const file = path.join(dir, `locales-${candidate}.xml`)
      if (!existsSync(file)) continue
      if (!cache.has(file)) cache.set(file, readFileSync(file, 'utf8'))
      return { lang: candidate, xml: cache.get(file)! }
    }
  }
  const any = dirs.flatMap((dir) => readdirSync(dir).map((name) => path.join(dir, name))).find((file) => file.includes(`locales-${tag.split('-')[0]}`))
  return any ? { lang: path.basename(any).slice(8, -4), xml: readFileSync(any, 'utf8') } : fixtureLocale('en-US')
}

/** The style's `default-locale`, or en-US. */
export const defaultLocale = (csl: string): string => /<style\b[^>]*\bdefault-locale="([^"]+)"/.exec(csl)?.[1] ?? 'en-US'
