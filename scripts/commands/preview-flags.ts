import { isIP } from 'node:net'
import { InvalidArgumentError } from 'commander'

/** The port `samizdat preview` listens on unless told otherwise. */
export const defaultPort = 4173

/** Commander parser for `--port`: 0 (any free port) to 65535. */
export function parsePort(value: string): number {
  const port = Number(value)
  if (!/^\d+$/.test(value.trim()) || port > 65_535) throw new InvalidArgumentError(`\`${value}\` is not a port: give a number from 1024 to 65535, or 0 for any free port`)
  return port
}

/** Commander parser for `--host`: an IP address or `localhost`. */
export function parseHost(value: string): string {
  const host = value.trim().replace(/^\[(.*)\]$/, '$1')
  if (host !== 'localhost' && isIP(host) === 0) throw new InvalidArgumentError(`\`${value}\` is not an address to listen on: use 127.0.0.1 (this machine only)`)
  return host
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host)
}
