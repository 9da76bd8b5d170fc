import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { writeFileAtomic } from '../../../scripts/lib/write-file-atomic.ts'

describe('writeFileAtomic', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'samizdat-atomic-'))
  after(() => rm(dir, { recursive: true, force: true }))

  it('writes text and bytes, replacing what was there, leaving no temp file', async () => {
    const path = join(dir, 'out.txt')
    await writeFileAtomic(path, 'first')
    await writeFileAtomic(path, new TextEncoder().encode('second'))
    assert.equal(await readFile(path, 'utf8'), 'second')
    assert.deepEqual(await readdir(dir), ['out.txt'])
  })

  it('keeps the previous file and removes the temp file when the rename fails', async () => {
    const path = join(dir, 'taken')
    // A non-empty directory in the way makes rename(2) fail after the temp file is written.
    await mkdir(join(path, 'inside'), { recursive: true })
    await assert.rejects(writeFileAtomic(path, 'data'))
    assert.deepEqual((await readdir(dir)).sort(), ['out.txt', 'taken'])
  })

  it('fails when the folder does not exist, creating nothing', async () => {
    await assert.rejects(writeFileAtomic(join(dir, 'missing', 'out.txt'), 'data'), { code: 'ENOENT' })
  })
})
