import type {ConnectionOptions} from 'node:tls'
import type {Client, FieldDef} from 'pg'
import {OperationError} from '../errors.js'
import {onAbort} from '../io/abort.js'
import {formatTableRef, newestRowQuery, type TableRef} from './identifiers.js'
import {CLIENT_GRACE_MS, QueryLane, connectError, readTlsMaterial, tableError, withDeadline, type ConnectFailure, type NewestValue, type SessionOptions, type SqlSession, type TableFailure, type TlsMaterial} from './session.js'
import type {DatabaseTarget} from './url.js'

/** Type OIDs of the types we read; timestamptz values carry their offset. */
const TIME_TYPES: ReadonlyMap<number, {readonly sqlType: string; readonly naive: boolean}> = new Map([
  [1082, {sqlType: 'date', naive: true}],
  [1114, {sqlType: 'timestamp without time zone', naive: true}],
  [1184, {sqlType: 'timestamp with time zone', naive: false}],
])

/** SQLSTATE codes we word ourselves. */
const CONNECT_FAILURES: Readonly<Record<string, ConnectFailure>> = {
  '28P01': 'wrong-login', // invalid_password
  '28000': 'not-allowed', // invalid_authorization_specification: no such role, no pg_hba.conf entry
  '3D000': 'no-database', // invalid_catalog_name
}

const TABLE_FAILURES: Readonly<Record<string, TableFailure>> = {
  '42P01': 'no-table', // undefined_table
  '3F000': 'no-table', // invalid_schema_name
  '42703': 'no-column', // undefined_column
  '42883': 'no-max', // undefined_function: max() of a type without one
  '42501': 'no-privilege', // insufficient_privilege
  '57014': 'timeout', // query_canceled, by statement_timeout
}

const POSTGRES = 'PostgreSQL'

interface PgError {
  readonly code?: string
  readonly message?: string
}

/**
 * The session settings, in one round trip and without building SQL text: a
 * server-side statement timeout, read-only transactions, and ISO dates (pg's own
 * parsers assume them too). TimeZone is UTC only to make timestamptz text easy to
 * read; its offset is parsed either way.
 */
const SESSION_SETTINGS = `SELECT set_config('statement_timeout', $1, false), set_config('default_transaction_read_only', 'on', false),
  set_config('DateStyle', 'ISO', false), set_config('TimeZone', 'UTC', false)`

export async function openPostgresSession(target: DatabaseTarget, options: SessionOptions): Promise<SqlSession> {
  const {default: pg} = await import('pg')
  const asText = (text: string): string => text
  const client = new pg.Client({
    host: target.socket ?? target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    ssl: postgresTls(readTlsMaterial(target.tls)),
    connectionTimeoutMillis: options.timeoutMs,
    // Dates as the server prints them; see src/sql/time.ts for why not Date objects.
    types: {getTypeParser: ((oid: number, format?: 'text' | 'binary') => (TIME_TYPES.has(oid) ? asText : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser},
  })
  // An error while no query runs is emitted as an event, which would crash the process unheard.
  client.on('error', () => undefined)
  const unwatch = onAbort(options.signal, () => destroySocket(client))
  try {
    await withDeadline(client.connect(), options.timeoutMs + CLIENT_GRACE_MS, () => connectError(undefined, 'timeout', {timeoutMs: options.timeoutMs, expected: POSTGRES}))
    await client.query(SESSION_SETTINGS, [String(Math.ceil(options.timeoutMs))])
  } catch (error) {
    unwatch()
    void client.end().catch(() => undefined)
    throw connectError(error, connectFailure(error), {database: target.database, timeoutMs: options.timeoutMs, expected: POSTGRES})
  }
  return new PostgresSession(client, options, unwatch)
}

function postgresTls(tls: TlsMaterial | undefined): ConnectionOptions | false {
  if (!tls) return false
  const {checkHostname, ...files} = tls
  return checkHostname ? files : {...files, checkServerIdentity: () => undefined}
}

class PostgresSession implements SqlSession {
  private readonly lane: QueryLane

  constructor(
    private readonly client: Client,
    private readonly options: SessionOptions,
    private readonly unwatch: () => void,
  ) {
    this.lane = new QueryLane(options.timeoutMs + CLIENT_GRACE_MS, () => destroySocket(client))
  }

  newest(ref: TableRef, column: string): Promise<NewestValue> {
    const table = formatTableRef(ref)
    return this.lane.run(table, async () => {
      let result: {rows: unknown[][]; fields: FieldDef[]}
      try {
        result = await this.client.query({text: newestRowQuery(ref, column, 'postgres'), rowMode: 'array'})
      } catch (error) {
        throw tableError(error, TABLE_FAILURES[(error as PgError).code ?? ''], {table, column, timeoutMs: this.options.timeoutMs})
      }
      const oid = result.fields[0]?.dataTypeID ?? -1
      const time = TIME_TYPES.get(oid)
      if (!time) throw new OperationError(`column ${column} of table ${table} is ${await this.typeName(oid)}, not timestamp, timestamptz or date`, 'name a date/time column with --table TABLE:COLUMN')
      const value = result.rows[0]?.[0]
      return {...time, text: value === null || value === undefined ? null : String(value)}
    })
  }

  async close(): Promise<void> {
    this.unwatch()
    await withDeadline(this.client.end(), CLIENT_GRACE_MS, () => new Error('close timed out')).catch(() => undefined)
  }

  private async typeName(oid: number): Promise<string> {
    const result = await this.client.query<{name: string}>('SELECT format_type($1::oid, NULL) AS name', [oid]).catch(() => undefined)
    return result?.rows[0]?.name ?? `type ${oid}`
  }
}

/**
 * pg has no public way to abandon a query it is waiting on: end() waits for the
 * server. Destroying the socket does it, and lets the process exit.
 */
function destroySocket(client: Client): void {
  ;(client as unknown as {connection: {stream: {destroy(): void}}}).connection.stream.destroy()
}

/** pg words some failures only in its messages. */
function connectFailure(error: unknown): ConnectFailure | undefined {
  const {code, message = ''} = (error ?? {}) as PgError
  if (code !== undefined && CONNECT_FAILURES[code]) return CONNECT_FAILURES[code]
  if (/does not support SSL/i.test(message)) return 'no-tls'
  if (/timeout expired|connection timeout/i.test(message)) return 'timeout'
  if (/Connection terminated/i.test(message)) return 'closed'
  // pg's words for bytes that are not its protocol: "Received unexpected copyData message from backend."
  if (/^Received unexpected|Unknown message code|unexpected message/i.test(message)) return 'not-the-server'
  return undefined
}
