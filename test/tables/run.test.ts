import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {PassThrough} from 'node:stream'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {OperationError} from '../../src/errors.js'
import type {NewestValue, OpenSession} from '../../src/sql/session.js'
import type {TablesFlags} from '../../src/tables/flags.js'
import {runTables, type TablesIo} from '../../src/tables/run.js'
import {udpListener, type Listener} from '../support/listeners.js'

/**
 * The run loop with sessions that answer from a table, so that rounds, problems,
 * sinks and exit behaviour are checked without a database (the sampler's own tests
 * use the real ones).
 */
const iso = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')

function fakeOpen(tables: Record<string, NewestValue | Error>, opened: string[] = []): OpenSession {
  return async target => {
    opened.push(target.label)
    if (target.host === 'down') throw new OperationError('cannot connect: connection refused')
    return {
      async newest(ref) {
        const answer = tables[ref.table]
        if (answer === undefined) throw new OperationError(`table ${ref.table} does not exist`)
        if (answer instanceof Error) throw answer
        return answer
      },
      async close() {},
    }
  }
}

describe('runTables', () => {
  let statsd: Listener
  let stdout: PassThrough
  let stderr: PassThrough
  let dir: string
  const output = (stream: PassThrough): string => String(stream.read() ?? '')

  beforeEach(async () => {
    statsd = await udpListener()
    stdout = new PassThrough()
    stderr = new PassThrough()
    dir = mkdtempSync(join(tmpdir(), 'metrics-tables-'))
  })

  afterEach(async () => {
    await statsd.close()
    rmSync(dir, {recursive: true, force: true})
  })

  const io = (open: OpenSession, signal = new AbortController().signal): TablesIo => ({env: {}, cwd: dir, stdout, stderr, signal, open, summary: false})
  const flags = (extra: TablesFlags): TablesFlags => ({db: 'mysql://root@db/x', port: String(statsd.port), ...extra})

  it('sends the age of each gauge to statsd and returns the readings', async () => {
    const tables = {a: {sqlType: 'DATETIME', naive: true, text: iso(Date.now() - 60_000)}, empty: {sqlType: 'DATETIME', naive: true, text: null}}
    const report = await runTables(flags({table: ['a', 'empty']}), io(fakeOpen(tables)))
    expect(report.readings.map(r => r.name)).toEqual(['a', 'empty'])
    const lines = await statsd.waitForLines(3)
    expect(lines[0]).toMatch(/^table:6\d{4}\|g\|#table:a$/)
    // -1 is sent as a set to 0 and a delta, because statsd reads a bare -1 as a delta.
    expect(lines.slice(1)).toEqual(['table:0|g|#table:empty', 'table:-1|g|#table:empty'])
  })

  it('emits what it could read, prints each problem on one line and fails with the last', async () => {
    const tables = {ok: {sqlType: 'DATETIME', naive: true, text: iso(Date.now())}}
    const run = runTables(flags({table: ['ok', 'gone', 'also_gone'], textfile: join(dir, 't.prom')}), io(fakeOpen(tables)))
    await expect(run).rejects.toThrow(new OperationError('mysql://root@db/x: table also_gone does not exist'))
    expect(output(stderr)).toBe('Error: mysql://root@db/x: table gone does not exist\n')
    expect(readFileSync(join(dir, 't.prom'), 'utf8')).toMatch(/^ok_last_timestamp_seconds \d+(\.\d+)?$/m)
  })

  it('still sends to the other sinks when one fails', async () => {
    const tables = {ok: {sqlType: 'DATETIME', naive: true, text: iso(Date.now())}}
    const run = runTables(flags({table: ['ok'], textfile: join(dir, 'missing-dir', 't.prom'), print: true, statsd: true}), io(fakeOpen(tables)))
    await expect(run).rejects.toThrow(/could not write textfile .*missing-dir/)
    expect(output(stdout)).toContain('# TYPE ok_last_timestamp_seconds gauge')
    expect(await statsd.waitForLines(1)).toHaveLength(1)
  })

  it('loops with --interval, reconnecting each round, and stops after --count', async () => {
    const opened: string[] = []
    const report = await runTables(flags({table: ['a'], interval: '20ms', count: '3', quiet: true}), io(fakeOpen({a: {sqlType: 'DATE', naive: true, text: '2026-01-01'}}, opened)))
    expect(report.rounds).toBe(3)
    expect(opened).toHaveLength(3)
    expect(await statsd.waitForLines(3)).toHaveLength(3)
  })

  it('in a loop, prints the problems of every round and fails at the end', async () => {
    const run = runTables({db: 'mysql://root@down/x', table: ['a'], interval: '10ms', count: '2', port: String(statsd.port)}, io(fakeOpen({})))
    await expect(run).rejects.toThrow('2 of 2 rounds had problems (see above)')
    expect(output(stderr)).toBe('Error: mysql://root@down/x: cannot connect: connection refused\n'.repeat(2))
  })

  it('stops a loop when interrupted', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const report = await runTables(flags({table: ['a'], interval: '1h'}), io(fakeOpen({a: {sqlType: 'DATE', naive: true, text: '2026-01-01'}}), controller.signal))
    expect(report.rounds).toBe(1)
  })

  /** Sessions whose queries wait until the interrupt destroys them, as a database that never answers. */
  const silentOpen: OpenSession = async (_, options) => ({
    newest: () => new Promise((_, reject) => options.signal?.addEventListener('abort', () => reject(new OperationError('connection destroyed')))),
    async close() {},
  })

  it('interrupted while reading, a single run fails saying so, and sends nothing', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const run = runTables(flags({table: ['a'], textfile: join(dir, 't.prom')}), io(silentOpen, controller.signal))
    await expect(run).rejects.toThrow(new OperationError('interrupted while reading mysql://root@db/x; nothing sent'))
    expect(output(stderr)).toBe('')
    expect(existsSync(join(dir, 't.prom'))).toBe(false)
    expect(statsd.lines()).toEqual([])
  })

  it('interrupted while reading, a loop stops as asked', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const report = await runTables(flags({table: ['a'], interval: '1h'}), io(silentOpen, controller.signal))
    expect(report.rounds).toBe(0)
    expect(output(stderr)).toBe('')
  })

  it('prints a summary for a person at a terminal', async () => {
    const tables = {a: {sqlType: 'DATETIME', naive: true, text: iso(Date.now() - 3_700_000)}, empty: {sqlType: 'DATE', naive: true, text: null}}
    await runTables(flags({table: ['a', 'empty']}), {...io(fakeOpen(tables)), summary: true})
    expect(output(stdout)).toMatch(/^a {6}1h1m old {2}newest \d{4}-.*Z\nempty {2}no rows\n$/)
  })

  it('makes control characters from the server visible', async () => {
    const run = runTables(flags({table: ['a', 'b']}), io(fakeOpen({a: new OperationError('table a: \u001b[31mred\u0007')})))
    await expect(run).rejects.toThrow('table b does not exist')
    const printed = output(stderr)
    expect(printed).toContain('table a: ')
    expect(printed).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/)
  })
})
