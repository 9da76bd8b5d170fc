import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'

/** How Chromium is kept off the network: the strongest mechanism this machine allows. */
export interface NetworkIsolation {
  /** `network-namespace`: no interface at all (not even loopback); `no-route-flags`: Chromium's own switches only. */
  readonly mechanism: 'network-namespace' | 'no-route-flags'
  /** The command that starts Chromium inside the namespace (`unshare … --`), or [] for none. */
  readonly wrapper: readonly string[]
  /** One line for SAMIZDAT_DEBUG: what is in force and, for the fallback, why. */
  readonly description: string
}

/** Ways to enter a network namespace of its own, strongest first; the first the system allows is used. */
const unshareVariants: readonly (readonly string[])[] = [
  // Root (a container, CI): a bare network namespace.
  ...(process.getuid?.() === 0 ? [['--net']] : []),
  // Anyone, where unprivileged user namespaces are allowed: our own uid inside, so Chromium keeps its sandbox.
  ['--user', '--map-current-user', '--net'],
  // util-linux before 2.38 has no --map-current-user: Chromium then runs as the overflow uid inside.
  ['--user', '--net'],
]

/**
 * Chromium switches that leave no route out even where no namespace can be
 * made, and stay on inside one (defence in depth). Every scheme (http, https,
 * ws, wss, ftp) goes through a proxy whose name never resolves, loopback
 * included (`<-loopback>` removes Chromium's implicit bypass); every host name
 * and IP literal resolves to nothing; WebRTC may use no UDP but through that
 * proxy (so STUN sends nothing); new windows (`window.open`) are refused.
 * See https://chromium.googlesource.com/chromium/src/+/HEAD/net/docs/proxy.md
 * and net/dns/mapped_host_resolver.h.
 */
export const noNetworkSwitches: readonly string[] = [
  '--proxy-server=http://no-network.invalid:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--dns-prefetch-disable',
  '--block-new-web-contents',
  '--no-pings',
]

/**
 * The switches for a browser that may reach one origin and nothing else (the
 * tests' stand-in for the reader's browser opening `samizdat preview`): it
 * cannot run in a namespace, so the no-route switches alone hold, with that
 * one host and port let through.
 */
export function switchesReaching(origin: string): string[] {
  const { hostname, port } = new URL(origin)
  return noNetworkSwitches.map((flag) => {
    if (flag.startsWith('--proxy-bypass-list=')) return `${flag};${hostname}:${port}`
    if (flag.startsWith('--host-resolver-rules=')) return `${flag}, EXCLUDE ${hostname}`
    return flag
  })
}

let chosen: NetworkIsolation | undefined

/**
 * The isolation Chromium runs under, decided once per process: on Linux, a
 * network namespace of its own with no interfaces (`unshare --net`), when the
 * system allows one, since the DevTools protocol runs over a pipe and needs no
 * network; otherwise only {@link noNetworkSwitches}. `SAMIZDAT_NETNS=off`
 * forces the fallback (the tests prove it holds on its own).
 */
export function networkIsolation(env: Readonly<Record<string, string | undefined>> = process.env): NetworkIsolation {
  chosen ??= decideNetworkIsolation(env)
  return chosen
}

/** {@link networkIsolation} without the memory: probes the system each time. */
export function decideNetworkIsolation(env: Readonly<Record<string, string | undefined>>): NetworkIsolation {
  const fallback = (why: string): NetworkIsolation => ({
    mechanism: 'no-route-flags',
    wrapper: [],
    description: `Chromium has no network namespace (${why}): no route by its own switches (every scheme through a proxy that never resolves, no host resolves, WebRTC without UDP, no new windows)`,
  })
  if (env['SAMIZDAT_NETNS'] === 'off') return fallback('SAMIZDAT_NETNS=off')
  if (process.platform !== 'linux') return fallback(`not available on ${process.platform}`)
  const unshare = ['/usr/bin/unshare', '/bin/unshare'].find(isExecutable)
  if (!unshare) return fallback('no unshare command: install util-linux')
  const tried: string[] = []
  for (const variant of unshareVariants) {
    // `true` inside the namespace proves the system lets us make one; about 5 ms.
    const probe = spawnSync(unshare, [...variant, '--', 'true'], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 5_000 })
    if (probe.status === 0) {
      const wrapper = [unshare, ...variant, '--']
      return { mechanism: 'network-namespace', wrapper, description: `Chromium runs in a network namespace of its own, with no interface (${wrapper.join(' ')}), and with the no-route switches` }
    }
    tried.push(`unshare ${variant.join(' ')}: ${probe.stderr?.toString().trim().split('\n').at(-1) || probe.error?.message || `exit ${probe.status}`}`)
  }
  return fallback(`the system refused one: ${tried.join('; ')}`)
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}
