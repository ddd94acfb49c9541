import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {DatamapDatabase} from '../../src/datamaps/export-mysql.js'
import {encodeGrid} from '../../src/datamaps/grid.js'
import {InvalidRows, type InvalidRowsReport} from '../../src/datamaps/invalid.js'
import {ShardBuilder} from '../../src/datamaps/points.js'
import {deadTcpPort} from '../support/listeners.js'
import {createTestDatabase, type TestDatabase} from './support/mariadb.js'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(async () => db.drop())

async function readAll(pageRows: number): Promise<{rows: number[]; points: number[]; invalid: InvalidRowsReport; pages: number[]}> {
  const database = await DatamapDatabase.connect(db.url, new AbortController().signal)
  const shards = new ShardBuilder()
  const invalid = new InvalidRows()
  const pages: number[] = []
  try {
    const rows = []
    for (const table of ['datamap_ne', 'datamap_nw', 'datamap_se', 'datamap_sw'] as const) {
      rows.push(await database.readTable(table, shards, invalid, read => pages.push(read), new AbortController().signal, pageRows))
    }
    const points = shards.finish().flatMap(shard => Array.from(shard.points.subarray(0, 2 * shard.count)))
    return {rows, points, invalid: invalid.report, pages}
  } finally {
    await database.close()
  }
}

describe('DatamapDatabase', () => {
  beforeAll(async () => {
    // ne: 52.520°N 13.405°E fresh (6 points), 48.856°N 2.352°E 3 months old (5), 40.000°N 20.000°E a year old (0).
    await db.insert('ne', [[encodeGrid(52_520, 13_405), 0], [encodeGrid(48_856, 2_352), 90], [encodeGrid(40_000, 20_000), 365]])
    // nw: London, 11 months old (1 point); a cell beyond Web Mercator; a row without a modified date.
    await db.insert('nw', [[encodeGrid(51_507, -128), 330], [encodeGrid(86_000, -10_000), 0], [encodeGrid(60_000, -20_000), null]])
    await db.insert('se', [[encodeGrid(-33_869, 151_209), 10]])
  })

  it("pages through every table by grid, and turns each cell into points by age as Ichnaea's export does", async () => {
    const {rows, points, invalid} = await readAll(200_000)
    expect(rows).toEqual([3, 3, 1, 0])
    // 6 + 5 + 0, then 1, then 6 points.
    expect(points.length / 2).toBe(18)
    const cells = new Set<string>()
    for (let i = 0; i < points.length; i += 2) cells.add(`${Math.floor(points[i] / 1000)},${Math.floor(points[i + 1] / 1000)}`)
    expect([...cells].sort()).toEqual(['-33869,151209', '48856,2352', '51507,-128', '52520,13405'])
    expect(invalid.count).toBe(2)
    expect(invalid.examples).toEqual([
      {where: `datamap_nw grid=0x${encodeGrid(60_000, -20_000).toString('hex')}`, reason: 'modified is NULL'},
      {where: `datamap_nw grid=0x${encodeGrid(86_000, -10_000).toString('hex')}`, reason: "latitude 86.000 is outside Web Mercator's ±85.0511°"},
    ])
  })

  it('gives the same points with pages of one row (keyset pagination) as with one page', async () => {
    const paged = await readAll(1)
    expect(paged.points).toEqual((await readAll(200_000)).points)
    expect(paged.rows).toEqual([3, 3, 1, 0])
    // Each table reports after every page: ne 1, 2, 3, 3 (the short page that ends it), and so on.
    expect(paged.pages.slice(0, 4)).toEqual([1, 2, 3, 3])
  })

  it('reads a table larger than a page with every row once', async () => {
    const cells = Array.from({length: 2500}, (_, i) => [encodeGrid(-10_000 - Math.floor(i / 50), -50_000 - (i % 50)), 0] as const)
    await db.insert('sw', cells)
    const {rows, points} = await readAll(1000)
    expect(rows[3]).toBe(2500)
    expect(points.length / 2).toBe(18 + 2500 * 6)
  })

  it('refuses an unreachable server before any work, exit code 1, password hidden', async () => {
    const port = await deadTcpPort()
    await expect(DatamapDatabase.connect(`mysql://ichnaea:secret@127.0.0.1:${port}/location`, new AbortController().signal)).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringMatching(new RegExp(`^could not connect to mysql://ichnaea:\\*\\*\\*@127\\.0\\.0\\.1:${port}/location: connection refused$`)),
      hint: 'is MySQL/MariaDB listening there?',
    })
  })

  it("refuses a database without Ichnaea's tables", async () => {
    await expect(DatamapDatabase.connect('mysql://root@127.0.0.1:3306/mysql', new AbortController().signal)).rejects.toMatchObject({exitCode: 1, message: expect.stringContaining('has no table datamap_ne, datamap_nw, datamap_se, datamap_sw')})
  })
})
