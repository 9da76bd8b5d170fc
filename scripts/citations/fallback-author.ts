import type { CslItem } from '@citation-js/core'

/**
 * Author names for `@key` in running text when the style prints none in
 * citations (numeric styles): `Daniels`, `Müller and Café`, `Doe et al.`,
 * with the locale's word for "and".
 */
export function fallbackAuthor(item: CslItem, localeXml: string): string {
  const names = (item['author'] ?? item['editor'] ?? []) as { family?: string; literal?: string }[]
  const families = names.map((name) => name.family ?? name.literal ?? '').filter((name) => name !== '')
  if (families.length === 0) return typeof item['title'] === 'string' ? item['title'] : ''
  const and = /<term name="and">([^<]+)<\/term>/.exec(localeXml)?.[1] ?? 'and'
  const etAl = /<term name="et-al">([^<]+)<\/term>/.exec(localeXml)?.[1] ?? 'et al.'
  if (families.length === 1) return families[0]!
  if (families.length === 2) return `${families[0]} ${and} ${families[1]}`
  return `${families[0]} ${etAl}`
}
