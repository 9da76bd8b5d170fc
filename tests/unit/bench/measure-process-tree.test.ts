import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { measureProcessTree } from '../../../bench/measure-process-tree.ts'
import { parseProcStat } from '../../../bench/process-tree-sampler.ts'

const limits = { timeLimitMs: 10_000, memoryLimitBytes: 8 * 1024 ** 3 }

describe('parseProcStat', () => {
  it('reads pid, ppid, start and RSS past a command name holding spaces and parentheses', () => {
    const fields = ['S', '41', ...Array.from({ length: 17 }, () => '0'), '777', '12345', '99', '0']
    assert.deepEqual(parseProcStat(`42 (a b) c)) ${fields.join(' ')}`), { pid: 42, ppid: 41, start: 777, rssPages: 99 })
  })
  it('reads this process', async () => {
    const { readFile } = await import('node:fs/promises')
    const stat = parseProcStat(await readFile('/proc/self/stat', 'latin1'))
    assert.ok(stat && stat.rssPages > 0 && stat.ppid > 0)
  })
})

describe('measureProcessTree', () => {
  it('times a command and counts its children in the tree', async () => {
    const measured = await measureProcessTree({ command: 'sh', args: ['-c', 'sleep 0.4 & sleep 0.4; wait; echo done'] }, limits)
    assert.equal(measured.status, 'ok')
    assert.equal(measured.stdout.trim(), 'done')
    assert.ok(measured.wallMs >= 400 && measured.wallMs < 5000, `wall ${measured.wallMs}`)
    assert.ok(measured.peakProcesses >= 3, `processes ${measured.peakProcesses}`)
    assert.ok(measured.peakRssBytes > 0 && measured.peakPssBytes > 0)
    assert.equal(measured.leftover, 0)
  })

  it('records a failing command as failed, with its exit code', async () => {
    const measured = await measureProcessTree({ command: 'sh', args: ['-c', 'echo oops >&2; exit 3'] }, limits)
    assert.equal(measured.status, 'failed')
    assert.equal(measured.exitCode, 3)
    assert.equal(measured.stderr.trim(), 'oops')
  })

  it('kills the whole group at the time limit', async () => {
    const measured = await measureProcessTree({ command: 'sh', args: ['-c', 'sleep 30 & sleep 30'] }, { ...limits, timeLimitMs: 300 })
    assert.equal(measured.status, 'timeout')
    assert.ok(measured.wallMs < 5000)
  })

  it('kills the tree past the memory limit', async () => {
    const measured = await measureProcessTree({ command: 'sleep', args: ['30'] }, { ...limits, memoryLimitBytes: 1 })
    assert.equal(measured.status, 'memory-limit')
  })

  it('counts and kills the processes a command leaves behind', async () => {
    const measured = await measureProcessTree({ command: 'sh', args: ['-c', 'sleep 30 & sleep 0.3'] }, limits)
    assert.equal(measured.status, 'ok')
    assert.equal(measured.leftover, 1)
  })
})
