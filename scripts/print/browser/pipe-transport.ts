import type { Readable, Writable } from 'node:stream'
import type { ConnectionTransport } from 'puppeteer-core'

/**
 * The DevTools protocol over Chromium's `--remote-debugging-pipe`: JSON
 * messages, each ended by a NUL byte, written to the browser's fd 3 and read
 * from its fd 4. We spawn Chromium ourselves (see browser-session) and hand
 * puppeteer this transport, so the process and its pid stay ours.
 */
export class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void
  onclose?: () => void
  #pending: Buffer[] = []
  #closed = false

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.on('data', (chunk: Buffer) => this.#receive(chunk))
    fromBrowser.on('close', () => this.onclose?.())
    // A broken pipe means Chromium is gone; the 'close' above reports it.
    fromBrowser.on('error', () => {})
    toBrowser.on('error', () => {})
  }

  send(message: string): void {
    if (this.#closed) return
    this.toBrowser.write(message)
    this.toBrowser.write('\0')
  }

  close(): void {
    this.#closed = true
  }

  #receive(chunk: Buffer): void {
    let end = chunk.indexOf(0)
    if (end < 0) {
      this.#pending.push(chunk)
      return
    }
    let start = 0
    let buffered: Buffer = Buffer.concat([...this.#pending, chunk.subarray(0, end)])
    this.#pending = []
    while (end >= 0) {
      const message = buffered.toString('utf8')
      // Delivered one per macrotask, as puppeteer's own pipe transport does.
      setImmediate(() => this.onmessage?.(message))
      start = end + 1
      end = chunk.indexOf(0, start)
      buffered = chunk.subarray(start, end < 0 ? undefined : end)
    }
    if (start < chunk.length) this.#pending.push(chunk.subarray(start))
  }
}
