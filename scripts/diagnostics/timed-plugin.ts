import { timeStep, timingsEnabled } from './timings.ts'

// biome-ignore lint/suspicious/noExplicitAny: a unified attacher takes any options and returns any transformer.
type Attacher = (this: any, ...args: any[]) => any

/**
 * The plugin as `.use()` takes it, its transformer timed under the plugin's
 * name when `SAMIZDAT_DEBUG=timings` is set (see diagnostics/timings.ts);
 * the plugin itself otherwise. Syntax extensions (no transformer) cost
 * nothing here: their time is the parse's.
 */
export function timedPlugin<P extends Attacher>(plugin: P, name: string = plugin.name || 'plugin'): P {
  if (!timingsEnabled()) return plugin
  const timed = function (this: unknown, ...args: unknown[]) {
    const transformer: unknown = plugin.apply(this, args)
    // A transformer that takes `next` reports its end by callback: left untimed rather than timed wrong.
    if (typeof transformer !== 'function' || transformer.length > 2) return transformer
    return function (this: unknown, tree: unknown, file: unknown) {
      return timeStep(name, () => transformer.call(this, tree, file))
    }
  }
  return timed as P
}
