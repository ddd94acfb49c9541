import {readFileSync} from 'node:fs'
import {OperationError, UsageError} from '../errors.js'
import {formatSeconds} from '../text/seconds.js'
import {describeError} from '../text/system-error.js'
import type {TableRef} from './identifiers.js'
import type {DatabaseTarget, TlsSettings} from './url.js'

/** max() of one column, as the server printed it. */
export interface NewestValue {
  /** The column's SQL type as the server names it, for messages. */
  readonly sqlType: string
  /** A wall-clock reading without a zone (DATETIME, DATE, timestamp without time zone). */
  readonly naive: boolean
  /** Null when the table has no rows, or none with a value in the column. */
  readonly text: string | null
}

/**
 * One read-only connection to one database. Failures are OperationErrors whose
 * message reads after the database's name: `table cell_lte_ocid does not exist`.
 */
export interface SqlSession {
  newest(ref: TableRef, column: string): Promise<NewestValue>
  close(): Promise<void>
}

export interface SessionOptions {
  /** For connecting, and for each query (enforced by the server, with a client-side backstop). */
  readonly timeoutMs: number
  /** Ctrl-C or SIGTERM: the connection is destroyed at once, connecting or querying, so that nothing holds the process. */
  readonly signal?: AbortSignal
}

export type OpenSession = (target: DatabaseTarget, options: SessionOptions) => Promise<SqlSession>

/**
 * How long past the server's own statement timeout the client waits before it gives
 * the connection up: the server's clean error is the better message.
 */
export const CLIENT_GRACE_MS = 1000

/**
 * One connection runs one statement at a time, so queries are queued here and each
 * gets its deadline from when it starts, not from when it was queued. After a
 * deadline passes the connection's state is unknown: `onTimeout` must destroy it, and
 * everything still queued fails at once instead of waiting its turn.
 */
export class QueryLane {
  private tail: Promise<unknown> = Promise.resolve()
  private brokenBy: string | undefined

  constructor(
    private readonly deadlineMs: number,
    private readonly onTimeout: () => void,
  ) {}

  run<T>(table: string, query: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.start(table, query))
    this.tail = result.catch(() => undefined)
    return result
  }

  private start<T>(table: string, query: () => Promise<T>): Promise<T> {
    if (this.brokenBy !== undefined) return Promise.reject(new OperationError(`table ${table}: not queried, the connection was closed after table ${this.brokenBy} timed out`))
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.brokenBy = table
        this.onTimeout()
        reject(tableError(undefined, 'timeout', {table, timeoutMs: this.deadlineMs - CLIENT_GRACE_MS}))
      }, this.deadlineMs)
      query().then(resolve, reject).finally(() => clearTimeout(timer))
    })
  }
}


/** Rejects with `onTimeout()`'s error when the promise has not settled in time. */
export function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms)
  })
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}

const NETWORK_HINTS: Readonly<Record<string, [reason: string, hint: string]>> = {
  ECONNREFUSED: ['connection refused', 'is the server running and listening on that port?'],
  ECONNRESET: ['connection reset by the server', 'check the server log, and whether it expects TLS'],
  ENOTFOUND: ['host not found', 'check the host name'],
  EAI_AGAIN: ['host name lookup failed', 'check the host name and DNS'],
  ETIMEDOUT: ['connection timed out', 'check the host, the port and any firewall'],
  EHOSTUNREACH: ['host unreachable', 'check the host and the network'],
  ENETUNREACH: ['network unreachable', 'check the host and the network'],
  ENOENT: ['no such socket', 'check the socket path'],
  EACCES: ['permission denied on the socket', 'check the socket path and its permissions'],
}

/** A connection failure below SQL (refused, unknown host, TLS), or undefined when it is not one. */
function networkProblem(error: unknown): [reason: string, hint: string] | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const known = code === undefined ? undefined : NETWORK_HINTS[code]
  if (known) return known
  const message = error instanceof Error ? error.message : ''
  if (/certificate|self[- ]signed|unable to verify|altnames|SSL routines/i.test(message) || /^(ERR_TLS|CERT_|DEPTH_ZERO|UNABLE_TO)/.test(code ?? '')) {
    return [`TLS: ${oneLine(message)}`, 'check --tls-ca, or use --tls require to encrypt without verifying the certificate']
  }
  return undefined
}

/** Why a connection failed, as each driver classifies its own error codes. */
export type ConnectFailure = 'wrong-login' | 'not-allowed' | 'no-database' | 'no-tls' | 'closed' | 'timeout' | 'not-the-server'

/** Why one table could not be read. */
export type TableFailure = 'no-table' | 'no-column' | 'no-privilege' | 'no-database-selected' | 'no-max' | 'timeout'

interface FailureContext {
  readonly server: string
  /** What should answer: `PostgreSQL`, `MySQL or MariaDB`. */
  readonly expected?: string
  readonly timeoutMs: number
  readonly database?: string
  readonly table?: string
  readonly column?: string
}

type Wording = (context: FailureContext) => [message: string, hint?: string]

const CONNECT_WORDING: Readonly<Record<ConnectFailure, Wording>> = {
  'wrong-login': ({server}) => [`cannot log in: ${server}`, 'check the user name and password'],
  'not-allowed': ({server}) => [`cannot log in: ${server}`, 'check the user name, its grants, and the server\'s access rules (pg_hba.conf)'],
  'no-database': ({database}) => [`database ${database ?? ''} does not exist`, 'check the database name in the URL'],
  'no-tls': () => ['cannot connect: the server does not support TLS', 'use --tls disable, or enable TLS on the server'],
  closed: ({expected}) => ['cannot connect: the server closed the connection', `check the host and port (is ${expected ?? 'the database'} listening there?), and whether the server allows this client`],
  // A server of another kind that waits for its client to speak first (HTTP, Redis) answers nothing either.
  timeout: ({timeoutMs, expected}) => [`cannot connect: no answer within ${formatSeconds(timeoutMs)}`, `check the host, the port (is ${expected ?? 'the database'} listening there?) and any firewall, or raise --timeout`],
  'not-the-server': ({expected}) => [`cannot connect: the server on that port is not ${expected ?? 'the database'}: it answered in another protocol`, 'check the host and port in the URL'],
}

const TABLE_WORDING: Readonly<Record<TableFailure, Wording>> = {
  'no-table': ({table = ''}) => [`table ${table} does not exist`, table === table.toLowerCase() ? 'check the table name, and the database in the URL' : `names are matched exactly: did you mean ${table.toLowerCase()}?`],
  'no-column': ({table, column}) => [`table ${table} has no column ${column}`, 'name the column with --table TABLE:COLUMN'],
  'no-privilege': ({table, server}) => [`table ${table}: ${server}`, 'GRANT SELECT on the table to this user'],
  'no-database-selected': ({table}) => [`table ${table}: no database selected`, 'add /DATABASE to the URL, or write the table as DATABASE.TABLE'],
  'no-max': ({table, column, server}) => [`column ${column} of table ${table} has no max(): ${server}`, 'name a date/time column with --table TABLE:COLUMN'],
  timeout: ({table, timeoutMs}) => [`table ${table}: no answer within ${formatSeconds(timeoutMs)}`, 'raise --timeout, or check the table has an index on the column'],
}

/** The error for a failed connection: a classified server error, a network error, or the server's own words. */
export function connectError(error: unknown, failure: ConnectFailure | undefined, context: Omit<FailureContext, 'server'>): OperationError {
  if (error instanceof OperationError) return error
  const server = oneLine(error instanceof Error ? error.message : String(error))
  if (failure) return new OperationError(...CONNECT_WORDING[failure]({...context, server}))
  const network = networkProblem(error)
  if (network) return new OperationError(`cannot connect: ${network[0]}`, network[1])
  return new OperationError(`cannot connect: ${server}`)
}

/** The error for a table that could not be read; a connection lost midway names the table too. */
export function tableError(error: unknown, failure: TableFailure | undefined, context: Omit<FailureContext, 'server'>): OperationError {
  const server = oneLine(error instanceof Error ? error.message : String(error))
  if (failure) return new OperationError(...TABLE_WORDING[failure]({...context, server}))
  const network = networkProblem(error)
  if (network) return new OperationError(`table ${context.table}: connection lost (${network[0]})`, network[1])
  return new OperationError(`table ${context.table}: ${server}`)
}

/** The first line of a message, whitespace collapsed (server messages can span lines). */
export const oneLine = (text: string): string => text.split('\n')[0].replace(/\s+/g, ' ').trim()

/** What a TLS mode asks of a driver, with the PEM files read now so that a bad path is a usage error. */
export interface TlsMaterial {
  readonly rejectUnauthorized: boolean
  /** Whether the certificate must name the host (verify-full), not just be signed by a trusted CA. */
  readonly checkHostname: boolean
  readonly ca?: string
  readonly cert?: string
  readonly key?: string
}

export function readTlsMaterial(tls: TlsSettings): TlsMaterial | undefined {
  if (tls.mode === 'disable') return undefined
  return {
    rejectUnauthorized: tls.mode !== 'require',
    checkHostname: tls.mode === 'verify-full',
    ...(tls.ca === undefined ? {} : {ca: readPem(tls.ca, 'CA')}),
    ...(tls.cert === undefined ? {} : {cert: readPem(tls.cert, 'client certificate')}),
    ...(tls.key === undefined ? {} : {key: readPem(tls.key, 'client key')}),
  }
}

function readPem(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read TLS ${what} file ${path}: ${describeError(error)}`)
  }
}
