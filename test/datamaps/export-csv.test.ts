import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {PassThrough, Readable} from 'node:stream'
import {gzipSync} from 'node:zlib'
import {afterAll, describe, expect, it} from 'vitest'
import {listCsvInputs, readCsvInput} from '../../src/datamaps/export-csv.js'
import {InvalidRows} from '../../src/datamaps/invalid.js'
import {ShardBuilder} from '../../src/datamaps/points.js'

const dir = mkdtempSync(join(tmpdir(), 'datamaps-csv-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

async function read(name: string, stdin: Readable = Readable.from([])): Promise<{rows: number; points: number[]; invalid: InvalidRows}> {
  const shards = new ShardBuilder()
  const invalid = new InvalidRows()
  const [input] = name === '-' ? [{name: '-', bytes: 0}] : await listCsvInputs(join(dir, name))
  const rows = await readCsvInput(input, stdin, shards, invalid, () => undefined, new AbortController().signal)
  const points = shards.finish().flatMap(shard => Array.from(shard.points.subarray(0, 2 * shard.count)))
  return {rows, points, invalid}
}

describe('readCsvInput', () => {
  it('reads lat,lon lines, skipping a header and blank lines, and reports bad lines by file:line', async () => {
    writeFileSync(join(dir, 'a.csv'), 'lat,lon\n52.5,13.4\n\nnot,a point\n-33.9,151.2\n91,0\n')
    const {rows, points, invalid} = await read('a.csv')
    expect(rows).toBe(2)
    expect(points).toEqual([52_500_000, 13_400_000, -33_900_000, 151_200_000])
    expect(invalid.report).toEqual({
      count: 2,
      examples: [
        {where: `${join(dir, 'a.csv')}:4`, reason: 'latitude is not a number'},
        {where: `${join(dir, 'a.csv')}:6`, reason: "latitude 91.000000 is outside Web Mercator's ±85.0511°"},
      ],
    })
  })

  it('stops at once when interrupted while stdin gives nothing more, keeping what it read', async () => {
    const stdin = new PassThrough()
    stdin.write('52.5,13.4\n')
    const controller = new AbortController()
    const shards = new ShardBuilder()
    const reading = readCsvInput({name: '-', bytes: 0}, stdin, shards, new InvalidRows(), () => undefined, controller.signal)
    await new Promise(resolve => setTimeout(resolve, 50))
    controller.abort()
    expect(await reading).toBe(1)
  })

  it('reports a header-like line that is not the first one', async () => {
    writeFileSync(join(dir, 'b.csv'), '1,2\nlat,lon\n')
    expect((await read('b.csv')).invalid.report.examples).toEqual([{where: `${join(dir, 'b.csv')}:2`, reason: 'latitude is not a number'}])
  })

  it('joins a line split across chunks, and reads a last line without a newline', async () => {
    const stdin = Readable.from([Buffer.from('1.5,2'), Buffer.from('.5\n3,'), Buffer.from('4'), Buffer.from('\n5,6')])
    const {points, invalid} = await read('-', stdin)
    expect(invalid.report.count).toBe(0)
    expect(points).toEqual([1_500_000, 2_500_000, 3_000_000, 4_000_000, 5_000_000, 6_000_000])
  })

  it('skips a line longer than 4096 bytes without holding it, and counts it', async () => {
    const stdin = Readable.from([Buffer.from('1,1\n'), Buffer.alloc(3000, 0x31), Buffer.alloc(3000, 0x32), Buffer.from('\n2,2\n')])
    const {points, invalid} = await read('-', stdin)
    expect(points).toEqual([1_000_000, 1_000_000, 2_000_000, 2_000_000])
    expect(invalid.report.examples).toEqual([{where: '-:2', reason: 'line is longer than 4096 bytes'}])
  })

  it('reads gzip files', async () => {
    writeFileSync(join(dir, 'c.csv.gz'), gzipSync('10,20\n30,40\n'))
    expect((await read('c.csv.gz')).points).toEqual([10_000_000, 20_000_000, 30_000_000, 40_000_000])
  })
})

describe('listCsvInputs', () => {
  it('lists the *.csv and *.csv.gz files of a directory in name order', async () => {
    const sub = mkdtempSync(join(dir, 'points-'))
    for (const name of ['b.csv', 'a.csv.gz', 'notes.txt', 'c.CSV']) writeFileSync(join(sub, name), '1,1\n')
    expect((await listCsvInputs(sub)).map(input => input.name)).toEqual(['a.csv.gz', 'b.csv', 'c.CSV'].map(name => join(sub, name)))
  })

  it('refuses a missing path and an empty directory, as usage errors', async () => {
    await expect(listCsvInputs(join(dir, 'missing.csv'))).rejects.toMatchObject({exitCode: 2, message: expect.stringContaining('no such file or directory')})
    await expect(listCsvInputs(mkdtempSync(join(dir, 'empty-')))).rejects.toMatchObject({exitCode: 2, message: expect.stringContaining('has no *.csv')})
  })
})
