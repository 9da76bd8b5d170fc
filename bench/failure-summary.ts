// Causes worth naming in the report, by what the tool printed.
const known: readonly (readonly [RegExp, string])[] = [
  [
    /Runtime\.callFunctionOn timed out/,
    "Puppeteer's default protocolTimeout (180 s) ended the layout call; pagedjs-cli 0.4.3 has no option to raise it, so it cannot lay out a book that takes longer",
  ],
]

/**
 * One line saying why a run failed: a known cause, else samizdat's error
 * diagnostic, else the last error-like line of stderr that is not a stack frame. Also the pages samizdat had laid out,
 * from its progress lines, when it stopped during the layout.
 */
export function failureSummary(stderr: string): string {
  const cause = known.find(([pattern]) => pattern.test(stderr))?.[1]
  const lines = stderr.split('\n').map((line) => line.trim())
  const meaningful = lines.filter((line) => line !== '' && !line.startsWith('at ') && !line.startsWith('('))
  // samizdat's reporter: `file  error  message  rule`; its closing line also says "1 error", so the diagnostic comes first.
  const diagnostic = meaningful.findLast((line) => /\serror\s{2,}/.test(line))
  const error = diagnostic ?? meaningful.findLast((line) => /error|took longer|timed out|failed|cannot|could not/i.test(line)) ?? meaningful.at(-1) ?? 'no output'
  const reached = [...stderr.matchAll(/(\d+) pages laid out/g)].at(-1)?.[1]
  return [cause ?? error, ...(reached ? [`${reached} pages laid out when it stopped`] : [])].join('; ')
}
