import assert from 'node:assert/strict'
import { test } from 'node:test'
import { decideNetworkIsolation, noNetworkSwitches, switchesReaching } from '../../../scripts/print/browser/network-isolation.ts'

test('SAMIZDAT_NETNS=off: the switches alone, and the reason in the debug line', () => {
  const isolation = decideNetworkIsolation({ SAMIZDAT_NETNS: 'off' })
  assert.equal(isolation.mechanism, 'no-route-flags')
  assert.deepEqual(isolation.wrapper, [])
  assert.match(isolation.description, /^Chromium has no network namespace \(SAMIZDAT_NETNS=off\): no route by its own switches/)
})

test('on Linux with unshare allowed, Chromium starts inside a network namespace', { skip: process.platform !== 'linux' }, () => {
  const isolation = decideNetworkIsolation({})
  // Either the namespace, or the fallback with the system's refusal spelled out: never silent.
  if (isolation.mechanism === 'network-namespace') {
    assert.match(isolation.wrapper.join(' '), /unshare .*--net --$/)
    assert.match(isolation.description, /network namespace of its own, with no interface/)
  } else {
    assert.match(isolation.description, /no unshare command|the system refused one: unshare/)
  }
})

test('the switches send every scheme, loopback included, to a proxy that never resolves', () => {
  assert.ok(noNetworkSwitches.includes('--proxy-bypass-list=<-loopback>'))
  assert.ok(noNetworkSwitches.includes('--host-resolver-rules=MAP * ~NOTFOUND'))
  assert.ok(noNetworkSwitches.some((flag) => /^--proxy-server=http:\/\/[^/]+\.invalid:\d+$/.test(flag)))
  assert.ok(noNetworkSwitches.includes('--force-webrtc-ip-handling-policy=disable_non_proxied_udp'))
})

test('a test browser reaching the preview lets that one host and port through, nothing else', () => {
  const flags = switchesReaching('http://127.0.0.1:4173')
  assert.ok(flags.includes('--proxy-bypass-list=<-loopback>;127.0.0.1:4173'))
  assert.ok(flags.includes('--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'))
  assert.equal(flags.length, noNetworkSwitches.length)
})
