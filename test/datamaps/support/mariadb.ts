import {randomBytes} from 'node:crypto'
import {createConnection, type Connection} from 'mysql2/promise'

/** Ichnaea's datamap table (alembic/versions/base.sql, plus the modified index). */
const DATAMAP_TABLE = (name: string): string => `CREATE TABLE \`${name}\` (
  \`grid\` binary(8) NOT NULL,
  \`created\` date DEFAULT NULL,
  \`modified\` date DEFAULT NULL,
  PRIMARY KEY (\`grid\`),
  KEY \`${name}_created_idx\` (\`created\`),
  KEY \`${name}_modified_idx\` (\`modified\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8`

export const SHARDS = ['ne', 'nw', 'se', 'sw'] as const

export interface TestDatabase {
  readonly url: string
  readonly connection: Connection
  /** Inserts rows (grid, days since modified) into datamap_<shard>. */
  insert(shard: (typeof SHARDS)[number], rows: ReadonlyArray<readonly [Buffer, number | null]>): Promise<void>
  drop(): Promise<void>
}

/** A fresh database on the local MariaDB (root, no password) with Ichnaea's four datamap tables. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `metrics_datamaps_${randomBytes(4).toString('hex')}`
  const connection = await createConnection({host: '127.0.0.1', port: 3306, user: 'root'})
  await connection.query(`CREATE DATABASE \`${name}\``)
  await connection.query(`USE \`${name}\``)
  for (const shard of SHARDS) await connection.query(DATAMAP_TABLE(`datamap_${shard}`))
  return {
    url: `mysql://root@127.0.0.1:3306/${name}`,
    connection,
    async insert(shard, rows) {
      for (let first = 0; first < rows.length; first += 5000) {
        const values = rows.slice(first, first + 5000).map(([grid, days]) => [grid, days === null ? null : dateDaysAgo(days)])
        await connection.query(`INSERT INTO \`datamap_${shard}\` (grid, created, modified) VALUES ${values.map(() => '(?, ?, ?)').join(',')}`, values.flatMap(([grid, modified]) => [grid, modified, modified]))
      }
    },
    async drop() {
      await connection.query(`DROP DATABASE \`${name}\``)
      await connection.end()
    },
  }
}

/** A UTC date, as Ichnaea stores `modified`, `days` before today. */
function dateDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)
}
