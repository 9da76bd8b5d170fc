/**
 * A table split over pages shows its header rows again at the top of each
 * continuation, as `thead` is meant to print (CSS 2.1 §17.2: "a user agent
 * may repeat header rows on each page"; Chromium does for a table it
 * paginates itself, not for the pieces Paged.js makes). Inserted in Paged.js's
 * `layout` hook, before the page's overflow is measured, so the header's
 * height is counted; the copy carries no `data-ref`, `data-sid` or `id`, so
 * neither Paged.js nor the page map takes it for book text.
 *
 * Self-contained: serialised into the print build's `print-layout.js`.
 */
export function registerTableHeaderHook(): void {
  interface PagedHandlerClass {
    new (...args: unknown[]): object
  }
  const w = window as unknown as { Paged?: { Handler: PagedHandlerClass; registerHandlers: (...handlers: PagedHandlerClass[]) => void } }
  const paged = w.Paged
  if (!paged) return
  let source: DocumentFragment | undefined

  class RepeatTableHeaders extends paged.Handler {
    afterParsed(parsed: DocumentFragment): void {
      source = parsed
    }

    layout(wrapper: Element): void {
      for (const table of wrapper.querySelectorAll('table[data-split-from]')) {
        if (table.querySelector(':scope > thead')) continue
        const ref = table.getAttribute('data-ref')
        const head = ref ? source?.querySelector(`table[data-ref="${CSS.escape(ref)}"] > thead`) : undefined
        if (!head) continue
        const copy = head.cloneNode(true) as Element
        for (const element of [copy, ...copy.querySelectorAll('*')]) {
          for (const name of ['data-ref', 'data-sid', 'id']) element.removeAttribute(name)
        }
        copy.setAttribute('data-repeated-header', '')
        table.insertBefore(copy, table.firstChild)
      }
    }
  }
  paged.registerHandlers(RepeatTableHeaders)
}
