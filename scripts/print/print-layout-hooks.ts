import { registerKeepLinesHook } from './keep-lines-hook.ts'
import { registerTableHeaderHook } from './table-header-hook.ts'

/**
 * Paged.js hooks the print document registers for itself (shipped as
 * `print-layout.js` next to `print.html`, run before Paged.js starts through
 * `PagedConfig.before`, which Paged.js calls as soon as its polyfill loads).
 *
 * Where paragraphs break over pages (soft hyphens, widows, orphans, a recto's
 * last hyphen, runs of hyphens): keep-lines-hook.ts; a split table's header
 * repeated: table-header-hook.ts. Both are registered after these.
 *
 * First letters: Paged.js's base stylesheet resets `::first-letter` (colour,
 * size, float…) on every element continued from an earlier page and on its
 * children, to undo drop caps there. Any matching `::first-letter` rule makes
 * Chromium lay the first letter out as a box of its own, even when the rule
 * changes nothing; the shaped text still joins it to the next letter, so a
 * ligature such as Literata's “Th” is drawn as the first letter's glyph, and
 * Chromium's PDF gives that glyph `/ActualText (T)`: PDF readers extracted
 * “The” as “Te” at the start of paragraphs on continued pages. A book whose
 * stylesheets style no first letter has no drop caps to undo, so the reset
 * goes (the page is unchanged: the reset only restored inherited values).
 *
 * This function runs in the page and must be self-contained.
 */
export function registerPrintLayoutHooks(): void {
  interface PagedHandlerClass {
    new (...args: unknown[]): object
  }
  const w = window as unknown as {
    PagedConfig?: { before?: () => void | Promise<void>; settings?: Record<string, unknown> }
    Paged?: { Handler: PagedHandlerClass; registerHandlers: (...handlers: PagedHandlerClass[]) => void }
  }
  const config = (w.PagedConfig ??= {})
  config.settings = { ...config.settings, hyphenGlyph: '-' }
  const previous = config.before
  config.before = async () => {
    if (previous) await previous()
    const paged = w.Paged
    if (!paged) return
    class FirstLetterReset extends paged.Handler {
      beforeParsed(): void {
        const polisher = (this as unknown as { polisher?: { base?: HTMLStyleElement; inserted?: HTMLStyleElement[] } }).polisher
        const base = polisher?.base?.sheet
        if (!base) return
        const authored = (polisher?.inserted ?? []).filter((style) => style !== polisher?.base)
        if (authored.some((style) => /first-letter/i.test(style.textContent ?? ''))) return
        for (let index = base.cssRules.length - 1; index >= 0; index--) {
          const rule = base.cssRules[index]
          if (rule instanceof CSSStyleRule && /first-letter/i.test(rule.selectorText)) base.deleteRule(index)
        }
      }
    }
    paged.registerHandlers(FirstLetterReset)
  }
}

/** The hooks as a script file's text. */
export function printLayoutScript(): string {
  // tsx (esbuild keepNames) may wrap inner functions and classes in `__name`, which only exists in node.
  return `(() => {\n  const __name = (target) => target;\n  (${registerPrintLayoutHooks.toString()})();\n  const previous = window.PagedConfig.before;\n  window.PagedConfig.before = async () => {\n    if (previous) await previous();\n    (${registerKeepLinesHook.toString()})();\n    (${registerTableHeaderHook.toString()})();\n  };\n})();\n`
}
