import type {GaugeObservation} from '../emit/prometheus.js'
import {OperationError, UsageError} from '../errors.js'
import {formatTableRef, type TableRef} from '../sql/identifiers.js'
import type {NewestValue, OpenSession, SqlSession} from '../sql/session.js'
import {UTC, instantOf, parseSqlTime, type TimeZone} from '../sql/time.js'
import type {DatabaseTarget} from '../sql/url.js'
import type {Sample} from '../statsd/sample.js'

/**
 * Table freshness, as Ichnaea's monitor_ocid_import measured it: the newest value
 * of a column (max(created)) over one table or several shard tables, as an age in
 * milliseconds for statsd and as a Unix timestamp for Prometheus.
 */

export interface TableColumn {
  readonly ref: TableRef
  readonly column: string
}

/** One gauge: the max over its tables. */
export interface TableGroup {
  /** The tag value (`table:<name>`) and the Prometheus name stem: letters, digits and _. */
  readonly name: string
  readonly tables: readonly TableColumn[]
}

export interface DatabasePlan {
  readonly target: DatabaseTarget
  /** The zone naive columns (DATETIME, DATE, timestamp without time zone) were written in. */
  readonly timeZone: TimeZone
  readonly groups: readonly TableGroup[]
}

export interface TableReading {
  readonly name: string
  /** The database, password hidden. */
  readonly database: string
  /** The tables that were read, `schema.table:column`. */
  readonly tables: readonly string[]
  /** Unix ms of the newest value; null when the tables have no rows. */
  readonly newestMs: number | null
  /** now − newest in ms; -1 for no rows, 0 for a value in the future. */
  readonly ageMs: number
  /** How far in the future the newest value is, when it is. */
  readonly futureMs?: number
  /** Some of the group's tables could not be read: the max is over the others. */
  readonly partial?: true
}

/** Something that kept a gauge from being right; printed as one line, counted in the exit code. */
export interface TablesProblem {
  readonly message: string
  readonly hint?: string
}

export interface TablesRound {
  readonly readings: readonly TableReading[]
  readonly problems: readonly TablesProblem[]
}

export interface SampleOptions {
  readonly open: OpenSession
  readonly timeoutMs: number
  readonly now: () => number
  /** Ctrl-C or SIGTERM: every connection is destroyed at once; what it was reading fails. */
  readonly signal?: AbortSignal
}

/**
 * Clocks of the database server and of this host differ a little, and a row written
 * a moment ago may look a moment ahead. Only more than this is a future value.
 */
export const CLOCK_SKEW_MS = 5000

/**
 * Reads every database in parallel, each over one connection, and returns a reading
 * for every gauge with at least one readable table. A database that cannot be reached
 * and a table that cannot be read are problems; everything else is still read.
 */
export async function sampleTables(databases: readonly DatabasePlan[], options: SampleOptions): Promise<TablesRound> {
  const rounds = await Promise.all(databases.map(database => sampleDatabase(database, options)))
  return {readings: rounds.flatMap(round => round.readings), problems: rounds.flatMap(round => round.problems)}
}

type Outcome = {readonly ok: true; readonly value: NewestValue} | {readonly ok: false; readonly error: OperationError}

async function sampleDatabase(database: DatabasePlan, options: SampleOptions): Promise<TablesRound> {
  const label = database.target.label
  let session: SqlSession
  if (options.signal?.aborted) return {readings: [], problems: []}
  try {
    session = await options.open(database.target, {timeoutMs: options.timeoutMs, signal: options.signal})
  } catch (error) {
    // A TLS file that cannot be read is a mistake in the command, not a problem of this database.
    if (error instanceof UsageError) throw error
    return {readings: [], problems: [problemOf(label, error)]}
  }
  // A table in two groups is read once.
  const outcomes = new Map<string, Promise<Outcome>>()
  for (const {tables} of database.groups) {
    for (const table of tables) {
      const key = tableKey(table)
      if (!outcomes.has(key)) {
        outcomes.set(key, session.newest(table.ref, table.column).then(value => ({ok: true, value}), error => ({ok: false, error: asOperationError(error)})))
      }
    }
  }
  const settled = new Map<string, Outcome>()
  for (const [key, outcome] of outcomes) settled.set(key, await outcome)
  await session.close()

  const readings: TableReading[] = []
  const problems: TablesProblem[] = []
  const now = options.now()
  for (const outcome of settled.values()) if (!outcome.ok) problems.push(problemOf(label, outcome.error))
  for (const group of database.groups) {
    const reading = readGroup(group, settled, database, now, problems)
    if (reading) readings.push(reading)
  }
  return {readings, problems}
}

function readGroup(group: TableGroup, settled: ReadonlyMap<string, Outcome>, database: DatabasePlan, now: number, problems: TablesProblem[]): TableReading | undefined {
  const label = database.target.label
  let newest: {ms: number; table: TableColumn; value: NewestValue} | undefined
  const read: string[] = []
  for (const table of group.tables) {
    const outcome = settled.get(tableKey(table))
    if (!outcome?.ok) continue
    const {value} = outcome
    if (value.text === null) {
      read.push(tableKey(table))
      continue
    }
    const parsed = parseSqlTime(value.text)
    if (parsed === undefined || parsed.kind === 'infinity') {
      problems.push({message: `${label}: table ${formatTableRef(table.ref)}: max(${table.column}) is ${JSON.stringify(value.text)}, not a time`, hint: 'the column holds a value that is not a real date'})
      continue
    }
    read.push(tableKey(table))
    const ms = instantOf(parsed, value.naive ? database.timeZone : UTC)
    if (newest === undefined || ms > newest.ms) newest = {ms, table, value}
  }
  if (read.length === 0) return undefined
  const base = {name: group.name, database: label, tables: read, ...(read.length < group.tables.length ? {partial: true as const} : {})}
  if (newest === undefined) return {...base, newestMs: null, ageMs: -1}
  const ageMs = Math.floor(now - newest.ms)
  if (ageMs >= 0) return {...base, newestMs: newest.ms, ageMs}
  if (-ageMs > CLOCK_SKEW_MS) problems.push(futureProblem(label, newest.table, newest.value, -ageMs, database.timeZone))
  return {...base, newestMs: newest.ms, ageMs: 0, futureMs: -ageMs}
}

function futureProblem(label: string, table: TableColumn, value: NewestValue, futureMs: number, zone: TimeZone): TablesProblem {
  const where = `${label}: table ${formatTableRef(table.ref)}: max(${table.column}) ${value.text} is ${formatDuration(futureMs)} in the future`
  return value.naive
    ? {message: where, hint: `a ${value.sqlType} column is read as ${zone.name} time; give --timezone if it holds local time`}
    : {message: where, hint: 'check the clocks of the database server and of this host'}
}

const tableKey = (table: TableColumn): string => `${formatTableRef(table.ref)}:${table.column}`

function asOperationError(error: unknown): OperationError {
  return error instanceof OperationError ? error : new OperationError(error instanceof Error ? error.message : String(error))
}

function problemOf(label: string, error: unknown): TablesProblem {
  const {message, hint} = asOperationError(error)
  return {message: `${label}: ${message}`, ...(hint === undefined ? {} : {hint})}
}

/** `5h30m`, `2m5s`, `800ms`: how far off a value is, for a message. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  const units: Array<[string, number]> = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]]
  let rest = Math.floor(ms / 1000) * 1000
  const parts: string[] = []
  for (const [unit, size] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${unit}`)
      rest %= size
    } else if (parts.length > 0) break
  }
  return parts.join('')
}

/** Ichnaea's gauge: `table` tagged `table:<name>`, the age in ms, -1 for no rows. */
export function tableAgeSamples(readings: readonly TableReading[]): Sample[] {
  return readings.map(reading => ({name: 'table', type: 'g', value: reading.ageMs, sampleRate: 1, tags: [{key: 'table', value: reading.name}], relative: false}))
}

/**
 * `<name>_last_timestamp_seconds` for Prometheus: a timestamp, not an age, because an
 * age pushed once stays put when the job stops, while `time() - x` keeps growing.
 * 0 for no rows, as the Pushgateway's own `push_failure_time_seconds` means never.
 */
export function tableTimestampObservations(readings: readonly TableReading[]): GaugeObservation[] {
  return readings.map(reading => ({
    name: `${reading.name}_last_timestamp_seconds`,
    help: `Unix time of the newest row of ${reading.tables.join(', ')}; 0 when there are none. Alert on time() minus this.`,
    labels: {},
    value: reading.newestMs === null ? 0 : reading.newestMs / 1000,
  }))
}
