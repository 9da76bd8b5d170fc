// citation-js's lexer token names, as the characters a user types.
const tokenNames: Record<string, string> = {
  lbrace: '`{`',
  rbrace: '`}`',
  comma: '`,`',
  equals: '`=`',
  quote: '`"`',
  label: 'a key',
  identifier: 'a field name',
  text: 'text',
}

/**
 * citation-js reports `expected "comma", got "label" at line 2 col 3:` plus a
 * code frame; keep the gist, with the file's line (`lineOffset` added to the
 * lexer's line), or without a line where the caller places the message itself.
 */
export function describeSyntaxError(error: unknown, lineOffset?: number): string {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
  const match = /^(.*?) at line (\d+) col (\d+):?$/.exec(first)
  if (!match) return first.replace(/:$/, '')
  const [, what, line, column] = match
  const got = what!.replace(/got EOF/, 'reached the end of the field').replace(/"(\w+)"/g, (_, token: string) => tokenNames[token] ?? `"${token}"`)
  return lineOffset === undefined ? got : `${got.replace('end of the field', 'end of the entry')} (line ${Number(line) + lineOffset}, column ${column})`
}
