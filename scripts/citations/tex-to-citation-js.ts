/**
 * Rewrite the TeX that biblatex reads but citation-js's value parser does not
 * into what it reads, before a field is parsed. Each rule is a macro of
 * biblatex or the LaTeX kernel (biblatex manual §3.12, §4.8).
 */
const rewrites: ReadonlyArray<readonly [RegExp, string]> = [
  // `\enquote*{…}` (csquotes: the inner quotes) reads as a quotation; citeproc
  // sets inner quotes itself when it nests them.
  [/\\(enquote|mkbibquote)\*\s*/g, '\\$1'],
  // `\hyphen` (babel/biblatex): a breakable hyphen.
  [/\\(hyphen|hyph)\b\s*/g, '-'],
  // Logos; braced so sentence case leaves them alone. `\TeX book` is "TeXbook".
  [/\\(BibTeX|LaTeXe|LaTeX|TeX|XeTeX|LuaTeX|ConTeXt)\b\s*/g, '{$1}'],
  // `\protect` only matters to TeX's moving arguments.
  [/\\protect\b\s*/g, ''],
  // biblatex's `\mkbibacro`, `\noopsort{…}` (a sort key, not text).
  [/\\noopsort\s*\{[^{}]*\}/g, ''],
  // `\textsc{…}` / `\mkbibacro{…}`: citeproc reads this span as small caps.
  [/\\mkbibacro\b\s*/g, '\\textsc'],
  [/\\slash\b\s*/g, '/'],
  // Spacing macros.
  [/\\(,|thinspace\b\s*)/g, '\u202F'],
  [/\\(@|\/)/g, ''],
]

/** A field's raw TeX, rewritten for citation-js. */
export function texToCitationJs(value: string): string {
  let result = value
  for (const [pattern, replacement] of rewrites) result = result.replace(pattern, replacement)
  return result
}
