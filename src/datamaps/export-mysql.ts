import type {Connection, ConnectionOptions} from 'mysql2'
import {OperationError} from '../errors.js'
import {onAbort} from '../io/abort.js'
import {destroyMysqlSocket} from '../sql/mysql.js'
import {CLIENT_GRACE_MS, withDeadline} from '../sql/session.js'
import {redact} from '../text/redact.js'
import {describeError} from '../text/system-error.js'
import {terminalText} from '../text/visible.js'
import {decodeGrid} from './grid.js'
import type {InvalidRows} from './invalid.js'
import {monthsSince, pointsForAge} from './jitter.js'
import type {ShardBuilder} from './points.js'

/** Ichnaea's four shard tables, in the order its export reads them. */
export const DATAMAP_TABLES = ['datamap_ne', 'datamap_nw', 'datamap_se', 'datamap_sw'] as const

/** Ichnaea's `row_limit`: one keyset page. */
export const PAGE_ROWS = 200_000

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000

/**
 * A read of Ichnaea's datamap tables. `connect` checks, before any work, that the
 * server answers and that the four tables exist; `readTable` then pages through one
 * table by primary key as Ichnaea's export does, so that memory holds one page.
 */
export class DatamapDatabase {
  private constructor(
    private readonly connection: Connection,
    private readonly url: string,
    /** The server's row estimates (information_schema), for progress only. */
    readonly estimatedRows: ReadonlyMap<string, number>,
    private readonly unwatch: () => void,
  ) {}

  /** Aborting `interrupt` destroys the connection at once: connecting, or reading a page. */
  static async connect(url: string, interrupt: AbortSignal, timeoutMs = DEFAULT_CONNECT_TIMEOUT_MS): Promise<DatamapDatabase> {
    const {createConnection} = await import('mysql2')
    const connection = createConnection({...connectionOptions(url), connectTimeout: timeoutMs, timezone: 'Z'})
    // A dropped connection is reported by the query it breaks; without a listener it would crash the process.
    connection.on('error', () => undefined)
    const unwatch = onAbort(interrupt, () => destroyMysqlSocket(connection))
    const database = new DatamapDatabase(connection, url, new Map(), unwatch)
    try {
      await new Promise<void>((resolve, reject) => connection.connect(error => (error ? reject(error) : resolve())))
      // CURDATE() decides each cell's age; Ichnaea's dates are UTC days.
      await database.query("SET time_zone = '+00:00'", [])
      const rows = (await database.query(
        'SELECT table_name, table_rows FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN (?)',
        [DATAMAP_TABLES],
      )) as Array<[string, number | null]>
      const found = new Map(rows.map(([name, estimate]) => [name, Number(estimate ?? 0)]))
      const missing = DATAMAP_TABLES.filter(table => !found.has(table))
      if (missing.length > 0) throw new OperationError(`database ${redact(url)} has no table ${missing.join(', ')}`, "is this Ichnaea's database? It needs datamap_ne, datamap_nw, datamap_se and datamap_sw")
      return new DatamapDatabase(connection, url, found, unwatch)
    } catch (error) {
      unwatch()
      destroyMysqlSocket(connection)
      if (error instanceof OperationError) throw error
      throw connectError(error, url)
    }
  }

  /**
   * Every row of one table, in grid order, pages of `pageRows` rows. Each cell adds
   * its points by age (ICHNAEA.md §2.1); a bad row is counted with its grid value.
   * Returns the number of rows read.
   */
  async readTable(table: (typeof DATAMAP_TABLES)[number], shards: ShardBuilder, invalid: InvalidRows, onPage: (rows: number) => void, signal: AbortSignal, pageRows = PAGE_ROWS): Promise<number> {
    const sql = `SELECT \`grid\`, DATEDIFF(CURDATE(), \`modified\`) FROM \`${table}\` WHERE \`grid\` > ? ORDER BY \`grid\` LIMIT ?`
    let after: Buffer = Buffer.alloc(0)
    let total = 0
    for (;;) {
      let rows = 0
      let last: Buffer | undefined
      await this.stream(sql, [after, pageRows], ([grid, days]) => {
        rows++
        last = grid
        addRow(table, grid, days, shards, invalid)
      })
      total += rows
      onPage(total)
      if (rows < pageRows || last === undefined || signal.aborted) return total
      after = last
    }
  }

  async close(): Promise<void> {
    this.unwatch()
    // A server that stopped answering never acknowledges the goodbye either.
    const ended = new Promise<void>(resolve => this.connection.end(() => resolve()))
    await withDeadline(ended, CLIENT_GRACE_MS, () => new Error('close timed out')).catch(() => destroyMysqlSocket(this.connection))
  }

  private query(sql: string, values: unknown[]): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      this.connection.query({sql, values, rowsAsArray: true}, (error, rows) => (error ? reject(queryError(error, this.url)) : resolve(rows as unknown[])))
    })
  }

  /** Rows one at a time as the server sends them, so a page is never held as an array. */
  private stream(sql: string, values: unknown[], onRow: (row: [Buffer, number | null]) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.connection
        .query({sql, values, rowsAsArray: true})
        .on('result', row => onRow(row as unknown as [Buffer, number | null]))
        .on('error', error => reject(queryError(error, this.url)))
        .on('end', () => resolve())
    })
  }
}

function addRow(table: string, grid: Buffer, days: number | null, shards: ShardBuilder, invalid: InvalidRows): void {
  const where = (): string => `${table} grid=0x${grid.toString('hex')}`
  const decoded = decodeGrid(grid)
  if (!decoded.ok) return invalid.add(where, decoded.reason)
  if (days === null) return invalid.add(where, 'modified is NULL')
  shards.addCell(decoded.cell.latScaled, decoded.cell.lonScaled, pointsForAge(monthsSince(days)))
}

function connectionOptions(url: string): ConnectionOptions {
  const parsed = new URL(url)
  return {
    host: decodeURIComponent(parsed.hostname.replace(/^\[(.*)\]$/, '$1')) || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username) || 'root',
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
  }
}

function connectError(error: unknown, url: string): OperationError {
  const code = (error as NodeJS.ErrnoException).code
  const hints: Record<string, string> = {
    ECONNREFUSED: 'is MySQL/MariaDB listening there?',
    ENOTFOUND: 'check the host name',
    ETIMEDOUT: 'is the host reachable?',
    ER_ACCESS_DENIED_ERROR: 'check the user and password',
    ER_BAD_DB_ERROR: 'check the database name',
  }
  return new OperationError(`could not connect to ${redact(url)}: ${redact(describeError(error))}`, code ? hints[code] : undefined)
}

function queryError(error: unknown, url: string): OperationError {
  return new OperationError(`query failed on ${redact(url)}: ${reason(error)}`)
}

const reason = (error: unknown): string => terminalText(redact(String((error as Error).message ?? error)).split('\n')[0])
