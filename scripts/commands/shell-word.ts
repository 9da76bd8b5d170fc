/** A path or argument as one POSIX shell word: bare when it is plain, else single-quoted. */
export function shellWord(value: string): string {
  return /^[\w./~-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`
}
