import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isAllowedUrl } from '../../../scripts/print/browser/sandbox-requests.ts'

const roots = ['/tmp/build']

test('files inside the build directory are allowed, at any depth', () => {
  assert.ok(isAllowedUrl('file:///tmp/build/print.html', roots))
  assert.ok(isAllowedUrl('file:///tmp/build/fonts/Literata%20Regular.woff2', roots))
  assert.ok(isAllowedUrl('file:///tmp/build/print.css?v=1#x', roots))
})

test('files outside it are refused, however the path is spelled', () => {
  assert.ok(!isAllowedUrl('file:///etc/passwd', roots))
  assert.ok(!isAllowedUrl('file:///tmp/build/../secret.txt', roots))
  assert.ok(!isAllowedUrl('file:///tmp/build/%2e%2e/secret.txt', roots))
  assert.ok(!isAllowedUrl('file:///tmp/buildings/x.png', roots), 'a sibling sharing the prefix')
  assert.ok(!isAllowedUrl('file:///tmp/build', roots), 'the directory itself is not a file in it')
  assert.ok(!isAllowedUrl('file://server/tmp/build/x.png', roots), 'a remote host')
})

test('inline schemes are allowed; the network is not', () => {
  assert.ok(isAllowedUrl('data:image/png;base64,AAAA', roots))
  assert.ok(isAllowedUrl('blob:file:///0b9f4c1e', roots))
  assert.ok(isAllowedUrl('about:blank', roots))
  for (const url of ['http://127.0.0.1:8080/x.png', 'https://example.com/font.woff2', 'ws://localhost/', 'ftp://x/y', 'about:srcdoc', 'chrome://settings']) {
    assert.ok(!isAllowedUrl(url, roots), url)
  }
})
