import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A local HTTP server that records every request made to it. */
export interface RequestTrap {
  /** `http://127.0.0.1:PORT/`: put it where a hostile manuscript would fetch from. */
  readonly url: string
  /** Every request so far, as `METHOD /path`. */
  readonly requests: readonly string[]
  close(): Promise<void>
}

/**
 * Start a trap on 127.0.0.1 at a free port. A build that is properly
 * sandboxed never reaches it; anything that does (a browser, a fetch in the
 * pipeline) is counted, answered with an empty 204 and logged for the test.
 */
export async function startRequestTrap(): Promise<RequestTrap> {
  const requests: string[] = []
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`)
    response.writeHead(204).end()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
