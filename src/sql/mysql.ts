import type {SslOptions} from 'mysql2'
import type {Connection, FieldPacket} from 'mysql2/promise'
import {OperationError} from '../errors.js'
import {onAbort} from '../io/abort.js'
import {formatTableRef, newestRowQuery, type TableRef} from './identifiers.js'
import {CLIENT_GRACE_MS, QueryLane, connectError, readTlsMaterial, tableError, withDeadline, type ConnectFailure, type NewestValue, type SessionOptions, type SqlSession, type TableFailure, type TlsMaterial} from './session.js'
import type {DatabaseTarget} from './url.js'

/** mysql2's column type codes for the types we read, and whether their values are wall-clock readings. */
const TIME_TYPES: ReadonlyMap<number, {readonly sqlType: string; readonly naive: boolean}> = new Map([
  [7, {sqlType: 'TIMESTAMP', naive: false}],
  [10, {sqlType: 'DATE', naive: true}],
  [12, {sqlType: 'DATETIME', naive: true}],
  [14, {sqlType: 'DATE', naive: true}],
])

/** The SQL names of mysql2's wire type names, where they differ. */
const SQL_TYPE_NAMES: Readonly<Record<string, string>> = {
  TINY: 'TINYINT', SHORT: 'SMALLINT', INT24: 'MEDIUMINT', LONG: 'INT', LONGLONG: 'BIGINT', NEWDECIMAL: 'DECIMAL',
  VAR_STRING: 'VARCHAR', STRING: 'CHAR', BLOB: 'TEXT or BLOB',
}

/** MySQL and MariaDB error numbers (and mysql2's own codes) we word ourselves. */
const CONNECT_FAILURES: ReadonlyMap<number | string, ConnectFailure> = new Map<number | string, ConnectFailure>([
  [1045, 'wrong-login'], // ER_ACCESS_DENIED_ERROR
  [1698, 'wrong-login'], // ER_ACCESS_DENIED_NO_PASSWORD_ERROR: a user without a password, or none at all
  [1044, 'not-allowed'], // ER_DBACCESS_DENIED_ERROR
  [1049, 'no-database'], // ER_BAD_DB_ERROR
  ['HANDSHAKE_NO_SSL_SUPPORT', 'no-tls'],
  ['PROTOCOL_CONNECTION_LOST', 'closed'],
  // mysql2's connectTimeout covers the handshake too: a server that never sends one times out the same way.
  ['ETIMEDOUT', 'timeout'],
])

const MYSQL = 'MySQL or MariaDB'

const TABLE_FAILURES: ReadonlyMap<number, TableFailure> = new Map<number, TableFailure>([
  [1146, 'no-table'], // ER_NO_SUCH_TABLE
  [1054, 'no-column'], // ER_BAD_FIELD_ERROR
  [1046, 'no-database-selected'], // ER_NO_DB_ERROR
  [1142, 'no-privilege'], // ER_TABLEACCESS_DENIED_ERROR
  [1143, 'no-privilege'], // ER_COLUMNACCESS_DENIED_ERROR
  [1969, 'timeout'], // MariaDB's ER_STATEMENT_TIMEOUT (max_statement_time)
  [3024, 'timeout'], // MySQL's ER_QUERY_TIMEOUT (max_execution_time)
])

const ER_UNKNOWN_SYSTEM_VARIABLE = 1193

interface MysqlError {
  readonly errno?: number
  readonly code?: string
}

/**
 * A MySQL or MariaDB session: UTC session time zone (so TIMESTAMP values arrive in
 * UTC), a server-side statement timeout, read-only transactions, and dates as text.
 */
export async function openMysqlSession(target: DatabaseTarget, options: SessionOptions): Promise<SqlSession> {
  const {default: mysql} = await import('mysql2')
  let connection: Connection | undefined
  // The callback API's connection, so that an interrupt can destroy it while it is still connecting.
  const core = mysql.createConnection({
    host: target.host,
    port: target.port,
    ...(target.socket === undefined ? {} : {socketPath: target.socket}),
    user: target.user,
    password: target.password,
    database: target.database,
    ssl: mysqlTls(readTlsMaterial(target.tls)),
    connectTimeout: options.timeoutMs,
    dateStrings: true,
    multipleStatements: false,
  })
  const connecting = new Promise<Connection>((resolve, reject) => {
    core.once('connect', () => resolve(core.promise()))
    core.once('error', reject)
  })
  const unwatch = onAbort(options.signal, () => destroyMysqlSocket(core))
  try {
    connection = await withDeadline(connecting, options.timeoutMs + CLIENT_GRACE_MS, () => connectError(undefined, 'timeout', {timeoutMs: options.timeoutMs, expected: MYSQL}))
    // A connection error while no query runs is emitted as an event, which would crash the process
    // unheard; the query that runs next fails with it instead.
    connection.on('error', () => undefined)
    await limitSession(connection, options.timeoutMs)
  } catch (error) {
    unwatch()
    // Given up, late or failed: the socket goes now, and anything it still emits is moot.
    core.on('error', () => undefined)
    destroyMysqlSocket(core)
    throw connectError(error, connectFailure(error), {database: target.database, timeoutMs: options.timeoutMs, expected: MYSQL})
  }
  return new MysqlSession(connection, options, unwatch)
}

/**
 * mysql2's destroy() only ends its side of the socket, and waits for the server still.
 * Destroying the socket fails the connect or the query in progress at once
 * (PROTOCOL_CONNECTION_LOST), and lets the process exit.
 */
export function destroyMysqlSocket(connection: object): void {
  ;(connection as {stream: {destroy(): void}}).stream.destroy()
}

function mysqlTls(tls: TlsMaterial | undefined): SslOptions | undefined {
  if (!tls) return undefined
  const {checkHostname, ...files} = tls
  return {...files, verifyIdentity: checkHostname}
}

async function limitSession(connection: Connection, timeoutMs: number): Promise<void> {
  try {
    await connection.query(`SET SESSION time_zone = '+00:00', max_statement_time = ?`, [timeoutMs / 1000])
  } catch (error) {
    if ((error as MysqlError).errno !== ER_UNKNOWN_SYSTEM_VARIABLE) throw error
    await connection.query(`SET SESSION time_zone = '+00:00', max_execution_time = ?`, [Math.ceil(timeoutMs)])
  }
  await connection.query('SET SESSION TRANSACTION READ ONLY')
}

class MysqlSession implements SqlSession {
  private readonly lane: QueryLane

  constructor(
    private readonly connection: Connection,
    private readonly options: SessionOptions,
    private readonly unwatch: () => void,
  ) {
    this.lane = new QueryLane(options.timeoutMs + CLIENT_GRACE_MS, () => connection.destroy())
  }

  newest(ref: TableRef, column: string): Promise<NewestValue> {
    const table = formatTableRef(ref)
    return this.lane.run(table, async () => {
      let rows: unknown
      let fields: FieldPacket[]
      try {
        ;[rows, fields] = await this.connection.query({sql: newestRowQuery(ref, column, 'mysql'), rowsAsArray: true})
      } catch (error) {
        throw tableError(error, TABLE_FAILURES.get((error as MysqlError).errno ?? -1), {table, column, timeoutMs: this.options.timeoutMs})
      }
      const type = fields[0]?.columnType ?? -1
      const time = TIME_TYPES.get(type)
      if (!time) throw new OperationError(`column ${column} of table ${table} is ${typeName(type)}, not DATETIME, TIMESTAMP or DATE`, 'name a date/time column with --table TABLE:COLUMN')
      const value = (rows as unknown[][])[0]?.[0]
      return {...time, text: value === null || value === undefined ? null : String(value)}
    })
  }

  async close(): Promise<void> {
    this.unwatch()
    await withDeadline(this.connection.end(), CLIENT_GRACE_MS, () => new Error('close timed out')).catch(() => this.connection.destroy())
  }
}

function typeName(code: number): string {
  const names = Object.entries(TYPE_CODES).find(([, value]) => value === code)
  return names ? (SQL_TYPE_NAMES[names[0]] ?? names[0]) : `type ${code}`
}

/** mysql2's type codes, kept here so that a message never needs the driver loaded twice. */
const TYPE_CODES: Readonly<Record<string, number>> = {
  DECIMAL: 0, TINY: 1, SHORT: 2, LONG: 3, FLOAT: 4, DOUBLE: 5, NULL: 6, TIMESTAMP: 7, LONGLONG: 8, INT24: 9,
  DATE: 10, TIME: 11, DATETIME: 12, YEAR: 13, NEWDATE: 14, VARCHAR: 15, BIT: 16, JSON: 245, NEWDECIMAL: 246,
  ENUM: 247, SET: 248, BLOB: 252, VAR_STRING: 253, STRING: 254, GEOMETRY: 255,
}

function connectFailure(error: unknown): ConnectFailure | undefined {
  const {errno, code} = (error ?? {}) as MysqlError
  return CONNECT_FAILURES.get(errno ?? -1) ?? CONNECT_FAILURES.get(code ?? '')
}
