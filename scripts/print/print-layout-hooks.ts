/**
 * Paged.js hooks the print document registers for itself (shipped as
 * `print-layout.js` next to `print.html`, run before Paged.js starts through
 * `PagedConfig.before`, which Paged.js calls as soon as its polyfill loads).
 *
 * Soft hyphens: when a paragraph breaks across pages at a soft hyphen,
 * Chromium reports the letter after the hyphen on the line above, so Paged.js
 * splits the word one letter late (`ap-p‑ | endix`). Moving the break back to
 * the soft hyphen gives `ap- | pendix`. The hyphen Paged.js adds there is a
 * plain `-`: its default, U+2011, is not in the book face and would fall back
 * to another font.
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
    class SoftHyphenBreak extends paged.Handler {
      onOverflow(overflow: Range | undefined): Range | undefined {
        const container = overflow?.startContainer
        const offset = overflow?.startOffset ?? 0
        if (!overflow || container?.nodeType !== Node.TEXT_NODE || offset < 2) return undefined
        if (container.textContent?.charAt(offset - 2) !== '\u00AD') return undefined
        const moved = overflow.cloneRange()
        moved.setStart(container, offset - 1)
        return moved
      }
    }
    paged.registerHandlers(SoftHyphenBreak)
  }
}

/** The hooks as a script file's text. */
export function printLayoutScript(): string {
  // tsx (esbuild keepNames) may wrap inner functions and classes in `__name`, which only exists in node.
  return `(() => {\n  const __name = (target) => target;\n  (${registerPrintLayoutHooks.toString()})();\n})();\n`
}
