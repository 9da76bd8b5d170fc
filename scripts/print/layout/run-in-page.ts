import type { Page } from 'puppeteer-core'

/**
 * Run `fn(arg)` inside the page and return its (JSON) result. `fn` must be
 * self-contained: it is sent as source text. tsx compiles with esbuild's
 * `keepNames`, which wraps inner functions in a `__name` helper that only
 * exists in node; a local no-op `__name` lets the source run as written.
 */
export async function runInPage<A, R>(page: Page, fn: (arg: A) => R | Promise<R>, arg: A): Promise<Awaited<R>> {
  const source = `(() => { const __name = (target) => target; return (${fn.toString()})(${JSON.stringify(arg) ?? 'undefined'}) })()`
  return (await page.evaluate(source)) as Awaited<R>
}
