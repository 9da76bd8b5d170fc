import { startPreview } from '../preview/preview-session.ts'
import type { BookOverrides } from '../config/resolve-book.ts'
import { exitCodes } from './exit-codes.ts'
import { isLoopback } from './preview-flags.ts'
import { reportCrash } from './report-crash.ts'

/** Options for {@link previewCommand}. */
export interface PreviewCommandOptions {
  readonly dir: string
  readonly host: string
  readonly port: number
  readonly overrides: BookOverrides
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean }
  /** Stops the preview (Ctrl-C by default). */
  readonly signal?: AbortSignal
}

/**
 * `samizdat preview`: serve the book on this machine, say where, and keep it
 * fresh as the writer edits, until Ctrl-C (or `signal`). Resolves with the
 * exit code once the server has closed and the temporary build is removed.
 */
export async function previewCommand(options: PreviewCommandOptions): Promise<number> {
  const stream = options.stream ?? process.stderr
  const color = stream.isTTY === true && !process.env['CI'] && process.env['NO_COLOR'] === undefined
  if (!isLoopback(options.host)) {
    stream.write(`samizdat: warning: --host ${options.host} lets other machines on the network read the book\n`)
  }
  // Listen before the first build: Ctrl-C during it still closes the server and removes the temp build.
  const stop = stopped(options.signal)
  let session: Awaited<ReturnType<typeof startPreview>>
  try {
    session = await startPreview({ dir: options.dir, host: options.host, port: options.port, overrides: options.overrides, stream, color })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') {
      stream.write(`samizdat: port ${options.port} is in use (another preview?): choose another with --port, or --port 0 for any free one\n`)
    } else if (code === 'EADDRNOTAVAIL') {
      stream.write(`samizdat: this machine has no address ${options.host}: use the default --host 127.0.0.1\n`)
    } else reportCrash(error, stream)
    return exitCodes.failed
  }
  // The address goes to stdout (scripts and tests read it there); rebuilds and problems to `stream`.
  process.stdout.write(`samizdat: previewing ${options.dir} at ${session.url}  (EPUB view: ${session.url}epub; Ctrl-C to stop)\n`)
  await stop
  await session.close()
  stream.write('samizdat: preview stopped\n')
  return exitCodes.ok
}

/** Resolves on Ctrl-C, SIGTERM or the abort of `signal`. */
function stopped(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done)
      process.off('SIGTERM', done)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    process.on('SIGINT', done)
    process.on('SIGTERM', done)
    signal?.addEventListener('abort', done, { once: true })
  })
}
