import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { openBrowserPool } from '../../../scripts/print/browser/browser-pool.ts'

const running = (dir: string) => spawnSync('pgrep', ['-f', `user-data-dir=${dir}`]).status === 0

test('a pool shares its tasks among its browsers; pending work outlives the task; close stops every browser', async () => {
  const tempDir = await mkdtemp(path.join(tmpdir(), 'samizdat-pool-'))
  try {
    const pool = openBrowserPool(2, { tempDir })
    const pending: Promise<string>[] = []
    const used = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        pool.run(async (session) => {
          const { page } = await session.newPage({ allowedRoots: [tempDir], documentUrl: 'about:blank' })
          // Work after the task has answered, on the same browser (the parts' prints).
          const later = new Promise<void>((resolve) => setTimeout(resolve, 300)).then(() => page.evaluate(`${n} * 2`).then(String))
          pending.push(later)
          return { value: session.userDataDir, pending: later.then(() => undefined) }
        }),
      ),
    )
    assert.equal(new Set(used).size, 2, 'both browsers took tasks')
    await pool.close()
    assert.deepEqual((await Promise.all(pending)).sort(), ['2', '4', '6', '8'])
    assert.equal(running(tempDir), false, 'Chromium is still running')
  } finally {
    await rm(tempDir, { recursive: true, force: true })
  }
})

test('a failed task fails its run, the tasks after it and close; no browser is left', async () => {
  const tempDir = await mkdtemp(path.join(tmpdir(), 'samizdat-pool-'))
  try {
    const pool = openBrowserPool(1, { tempDir })
    const failed = pool.run(async () => {
      throw new Error('layout broke')
    })
    const after = pool.run(async () => ({ value: 'never' }))
    await assert.rejects(failed, /layout broke/)
    await assert.rejects(after, /layout broke/)
    await assert.rejects(pool.close(), /layout broke/)
    assert.equal(running(tempDir), false, 'Chromium is still running')
  } finally {
    await rm(tempDir, { recursive: true, force: true })
  }
})

test('a browser that cannot start fails the queued tasks instead of leaving them waiting', async () => {
  const pool = openBrowserPool(1, { executablePath: '/nonexistent/chromium', launchTimeoutMs: 5_000 })
  await assert.rejects(
    pool.run(async () => ({ value: 1 })),
    /did not start|ENOENT/,
  )
  await assert.rejects(pool.close())
})
