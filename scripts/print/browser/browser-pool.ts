import { type BrowserSession, type BrowserSessionOptions, withBrowser } from './browser-session.ts'

/** Work for one browser: its result, and what the browser must outlive (a print that waits for other parts). */
export type PoolTask<T> = (session: BrowserSession) => Promise<{ readonly value: T; readonly pending?: Promise<void> }>

/** Browsers started ahead of their work, sharing one queue; see {@link openBrowserPool}. */
export interface BrowserPool {
  /** Run `task` on the first free browser. */
  run<T>(task: PoolTask<T>): Promise<T>
  /** Start more browsers now, up to `count` in all. */
  grow(count: number): void
  /** Closed: it takes no more tasks. */
  readonly closed: boolean
  /** No more tasks: resolves once every browser has finished its work and stopped; rejects with the first failure. */
  close(): Promise<void>
}

interface Queued {
  readonly task: PoolTask<unknown>
  resolve(value: unknown): void
  reject(reason: unknown): void
}

/**
 * Start `count` browsers now, before there is work for them: Chromium takes
 * about half a second to start, time the build spends writing the print
 * HTML on the other core. Each browser takes tasks from the queue, one at a
 * time, until the pool is closed; a task's `pending` work keeps its browser
 * alive but not busy. A failed task fails the pool, which stops taking work.
 */
export function openBrowserPool(count: number, options: BrowserSessionOptions): BrowserPool {
  const queue: Queued[] = []
  const waiting: (() => void)[] = []
  let closed = false
  let failure: { reason: unknown } | undefined
  const wake = () => {
    for (const resume of waiting.splice(0)) resume()
  }
  const next = async (): Promise<Queued | undefined> => {
    while (queue.length === 0 && !closed && !failure) await new Promise<void>((resume) => waiting.push(resume))
    return failure ? undefined : queue.shift()
  }
  const fail = (reason: unknown) => {
    failure ??= { reason }
    for (const item of queue.splice(0)) item.reject(reason)
    wake()
  }
  const browsers: Promise<void>[] = []
  const start = () => {
    const browser = withBrowser(options, async (session) => {
      const pending: Promise<void>[] = []
      for (let item = await next(); item; item = await next()) {
        try {
          const done = await item.task(session)
          if (done.pending) {
            done.pending.catch(fail)
            pending.push(done.pending)
          }
          item.resolve(done.value)
        } catch (error) {
          item.reject(error)
          fail(error)
        }
      }
      await Promise.all(pending)
    }).catch((error: unknown) => {
      // A browser that did not start (or died) fails the queue rather than leaving tasks waiting.
      fail(error)
      throw error
    })
    // Reported by close(); never an unhandled rejection in the meantime.
    browser.catch(() => undefined)
    browsers.push(browser)
  }
  const grow = (total: number) => {
    while (browsers.length < total && !closed && !failure) start()
  }
  grow(Math.max(1, count))
  return {
    run: <T>(task: PoolTask<T>) =>
      new Promise<T>((resolve, reject) => {
        if (failure) return reject(failure.reason)
        if (closed) return reject(new Error('The browser pool is closed'))
        queue.push({ task, resolve: resolve as (value: unknown) => void, reject })
        wake()
      }),
    grow,
    get closed() {
      return closed
    },
    close: async () => {
      closed = true
      wake()
      const results = await Promise.allSettled(browsers)
      if (failure) throw failure.reason
      const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected')
      if (failed) throw failed.reason
    },
  }
}
