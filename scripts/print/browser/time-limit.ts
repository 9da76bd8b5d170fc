/** Thrown when a browser step runs out of time; `step` names it for the message and the tests. */
export class StepTimeoutError extends Error {
  constructor(
    readonly step: string,
    readonly limitMs: number,
    detail?: string,
  ) {
    super(`${step} took longer than ${formatSeconds(limitMs)}${detail ? `: ${detail}` : ''}`)
    this.name = 'StepTimeoutError'
  }
}

/**
 * Settle with `work`, or reject with `StepTimeoutError` after `limitMs`, or
 * with the signal's reason when it aborts, whichever comes first. The losing
 * promise is left to settle on its own (the caller closes the browser, which
 * rejects it; `Promise.race` has already subscribed, so that is not an
 * unhandled rejection).
 */
export function withTimeLimit<T>(
  work: Promise<T>,
  step: string,
  limitMs: number,
  signal?: AbortSignal,
  detail?: () => string,
): Promise<T> {
  if (signal?.aborted) return Promise.reject(abortReason(signal))
  let timer: NodeJS.Timeout | undefined
  let onAbort: (() => void) | undefined
  const limit = new Promise<never>((_, reject) => {
    if (limitMs > 0 && Number.isFinite(limitMs)) {
      timer = setTimeout(() => reject(new StepTimeoutError(step, limitMs, detail?.())), limitMs)
    }
    if (signal) {
      onAbort = () => reject(abortReason(signal))
      signal.addEventListener('abort', onAbort, { once: true })
    }
  })
  return Promise.race([work, limit]).finally(() => {
    clearTimeout(timer)
    if (onAbort) signal?.removeEventListener('abort', onAbort)
  })
}

/** The abort reason as an Error, so callers can rely on `.message`. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason
  return reason instanceof Error ? reason : new DOMException(String(reason ?? 'The build was aborted'), 'AbortError')
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}
