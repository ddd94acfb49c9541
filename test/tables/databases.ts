import {randomBytes} from 'node:crypto'
import mysql from 'mysql2/promise'
import pg from 'pg'

/**
 * Scratch databases on the real servers of this machine, one per test file run:
 * MariaDB at 127.0.0.1:3306 (root, no password) and PostgreSQL at 127.0.0.1:5432
 * (trust; user postgres, else root). Tests write fixtures with `exec` and drop the
 * database (and any users they made) in `drop`.
 */
export interface ScratchDatabase {
  readonly name: string
  /** A URL the command under test uses. */
  readonly url: string
  /** Runs statements as the administrator, in the scratch database. */
  exec(sql: string, values?: unknown[]): Promise<unknown>
  /** Creates a user with a password that may read the scratch database; returns its URL. */
  userWithPassword(user: string, password: string): Promise<string>
  drop(): Promise<void>
}

const scratchName = (): string => `metrics_tables_${randomBytes(4).toString('hex')}`

export async function scratchMysql(): Promise<ScratchDatabase> {
  const name = scratchName()
  const admin = await mysql.createConnection({host: '127.0.0.1', port: 3306, user: 'root', dateStrings: true})
  await admin.query(`CREATE DATABASE \`${name}\``)
  await admin.query(`USE \`${name}\``)
  const users: string[] = []
  return {
    name,
    url: `mysql://root@127.0.0.1:3306/${name}`,
    exec: async (sql, values) => (await admin.query(sql, values))[0],
    async userWithPassword(user, password) {
      await admin.query(`CREATE USER ?@'%' IDENTIFIED BY ?`, [user, password])
      await admin.query(`CREATE USER ?@'localhost' IDENTIFIED BY ?`, [user, password])
      users.push(user)
      await admin.query(`GRANT SELECT ON \`${name}\`.* TO ?@'%'`, [user])
      await admin.query(`GRANT SELECT ON \`${name}\`.* TO ?@'localhost'`, [user])
      return `mysql://${user}:${encodeURIComponent(password)}@127.0.0.1:3306/${name}`
    },
    async drop() {
      for (const user of users) await admin.query(`DROP USER IF EXISTS ?@'%', ?@'localhost'`, [user, user])
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``)
      await admin.end()
    },
  }
}

async function postgresAdmin(database: string): Promise<{client: pg.Client; user: string}> {
  let lastError: unknown
  for (const user of ['postgres', 'root']) {
    const client = new pg.Client({host: '127.0.0.1', port: 5432, user, database})
    try {
      await client.connect()
      return {client, user}
    } catch (error) {
      lastError = error
    }
  }
  throw lastError
}

export async function scratchPostgres(): Promise<ScratchDatabase> {
  const name = scratchName()
  const {client: root, user} = await postgresAdmin('postgres')
  await root.query(`CREATE DATABASE "${name}"`)
  const admin = new pg.Client({host: '127.0.0.1', port: 5432, user, database: name})
  await admin.connect()
  const users: string[] = []
  return {
    name,
    url: `postgres://${user}@127.0.0.1:5432/${name}`,
    exec: async (sql, values) => (await admin.query(sql, values)).rows,
    async userWithPassword(login, password) {
      await root.query(`CREATE ROLE "${login}" LOGIN PASSWORD '${password.replace(/'/g, "''")}'`)
      users.push(login)
      await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO "${login}"`)
      return `postgres://${login}:${encodeURIComponent(password)}@127.0.0.1:5432/${name}`
    },
    async drop() {
      await admin.end()
      await root.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      for (const login of users) await root.query(`DROP ROLE IF EXISTS "${login}"`)
      await root.end()
    },
  }
}
