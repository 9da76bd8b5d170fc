/**
 * The book's `date` as every edition prints it, in the book's language:
 * `2025-03-14` → `14 March 2025` (en-GB), `2025-03` → `March 2025`, `2025`.
 */
export function formatDate(date: string, lang: string): string {
  const [year, month, day] = date.split('-').map(Number)
  if (month === undefined) return String(year)
  const value = new Date(Date.UTC(year!, month - 1, day ?? 1))
  const format: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', timeZone: 'UTC', ...(day === undefined ? {} : { day: 'numeric' }) }
  try {
    return new Intl.DateTimeFormat(lang, format).format(value)
  } catch {
    return date
  }
}
