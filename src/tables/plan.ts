import type {ConfigFile} from '../config/file.js'
import {mapping, type Mapping} from '../config/shape.js'
import {parseDuration, parsePositiveInteger, scalar, section} from '../config/values.js'
import {UsageError} from '../errors.js'
import {rememberSecret} from '../text/redact.js'
import type {DatabasePlan, TableColumn, TableGroup} from '../sample/sql-tables.js'
import {formatTableRef, parseTableRef, validateIdentifier} from '../sql/identifiers.js'
import {UTC, parseTimeZone, type TimeZone} from '../sql/time.js'
import {parseDatabaseUrl, parseTlsMode, type TlsOverrides} from '../sql/url.js'
import type {TablesFlags} from './flags.js'

/** What one `metrics tables` run reads, validated before any connection is made. */
export interface TablesPlan {
  readonly databases: readonly DatabasePlan[]
  readonly timeoutMs: number
  /** Absent: run once. */
  readonly intervalMs?: number
  /** With an interval: stop after this many rounds. */
  readonly count?: number
}

export const DEFAULT_TIMEOUT_MS = 10_000
export const DEFAULT_COLUMN = 'created'

/** A gauge name as given (--as, a config group's name): it is a tag value and a Prometheus name stem. */
const GAUGE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * flag > environment > config file > default, as everywhere:
 * - `--table` (with `--as`) reads one database: `--db`, else DATABASE_URL, else `tables.url`;
 * - otherwise the config file's groups are read: `tables.groups` for that one database,
 *   or `tables.databases`, each with its own `url` (or `url_env`, the name of an
 *   environment variable holding it) and groups.
 */
export function planTables(flags: TablesFlags, env: NodeJS.ProcessEnv, config: ConfigFile): TablesPlan {
  const where = `${config.path ?? 'config file'} tables`
  const file = section(config.document, 'tables', config.path)
  const timeoutText = flags.timeout ?? scalar(file, 'timeout', `${where}.timeout`)
  const intervalText = flags.interval ?? scalar(file, 'interval', `${where}.interval`)
  const tlsFlags: TlsOverrides = definedOnly({
    mode: flags.tls === undefined ? undefined : parseTlsMode(flags.tls, '--tls'),
    ca: flags['tls-ca'],
    cert: flags['tls-cert'],
    key: flags['tls-key'],
  })
  const zoneFlag = flags.timezone === undefined ? undefined : parseTimeZone(flags.timezone, '--timezone')
  const sectionZone = zoneOf(file, where)
  const sectionTls = tlsOf(file, where)
  // pg reads a password left out of the URL from PGPASSWORD itself: hidden too, should a message echo it.
  rememberSecret(env.PGPASSWORD)
  const urlFromCommandLine = flags.db ?? (env.DATABASE_URL || undefined)
  const urlSource = flags.db === undefined ? 'DATABASE_URL' : '--db'

  const databases: DatabasePlan[] = []
  const tableFlags = flags.table ?? []
  if (tableFlags.length > 0) {
    const url = urlFromCommandLine ?? urlOf(file, where, env)
    if (url === undefined) throw noDatabase()
    databases.push({
      target: parseDatabaseUrl(url, urlFromCommandLine === undefined ? `${where}.url` : urlSource, sectionTls, tlsFlags),
      timeZone: zoneFlag ?? sectionZone ?? UTC,
      groups: groupsFromFlags(tableFlags, flags.as),
    })
  } else {
    if (flags.as !== undefined) throw new UsageError('--as names the gauge of the --table tables; give --table too')
    const entries = databaseEntries(file, where)
    if (entries.length === 0) throw new UsageError('nothing to read', 'give --table NAME[:COLUMN], or list groups under tables: in the config file')
    if (flags.db !== undefined && entries.filter(entry => entry.url !== undefined || entry.urlEnv !== undefined).length > 1) {
      throw new UsageError(`--db is ambiguous: ${where}.databases lists ${entries.length} databases with their own URLs`, 'give --table to read one database, or edit the config file')
    }
    for (const entry of entries) {
      const own = entry.url ?? (entry.urlEnv === undefined ? undefined : envUrl(env, entry.urlEnv, `${entry.where}.url_env`))
      const url = flags.db ?? (entries.length === 1 ? urlFromCommandLine ?? own : own ?? urlFromCommandLine)
      if (url === undefined) throw noDatabase(entry.where)
      const source = url === own ? `${entry.where}.url` : urlSource
      databases.push({
        target: parseDatabaseUrl(url, source, {...sectionTls, ...tlsOf(entry.values, entry.where)}, tlsFlags),
        timeZone: zoneFlag ?? zoneOf(entry.values, entry.where) ?? sectionZone ?? UTC,
        groups: entry.groups,
      })
    }
  }
  checkUniqueNames(databases)
  const timeoutMs = timeoutText === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(timeoutText, flags.timeout === undefined ? `${where}.timeout` : '--timeout')
  const intervalMs = intervalText === undefined ? undefined : parseDuration(intervalText, flags.interval === undefined ? `${where}.interval` : '--interval')
  const countText = flags.count ?? scalar(file, 'count', `${where}.count`)
  if (countText !== undefined && intervalMs === undefined) throw new UsageError('--count applies only with --interval', 'without --interval, metrics tables samples once')
  return {
    databases,
    timeoutMs,
    ...(intervalMs === undefined ? {} : {intervalMs}),
    ...(countText === undefined ? {} : {count: parsePositiveInteger(countText, flags.count === undefined ? `${where}.count` : '--count')}),
  }
}

const noDatabase = (where?: string): UsageError =>
  new UsageError(where === undefined ? 'no database to read' : `${where}: no database URL`, 'give --db URL, set DATABASE_URL, or set url: in the config file')

function groupsFromFlags(tableFlags: readonly string[], as: string | undefined): TableGroup[] {
  const tables = tableFlags.map(text => parseTableColumn(text, '--table'))
  if (as !== undefined) return [{name: validateGaugeName(as, '--as'), tables}]
  return tables.map(table => ({name: gaugeNameOf(table), tables: [table]}))
}

/** `TABLE`, `SCHEMA.TABLE`, either with `:COLUMN`. */
export function parseTableColumn(text: string, source: string, defaultColumn = DEFAULT_COLUMN): TableColumn {
  const colon = text.indexOf(':')
  const table = colon === -1 ? text : text.slice(0, colon)
  const column = colon === -1 ? defaultColumn : text.slice(colon + 1)
  return {ref: parseTableRef(table, source), column: validateIdentifier(column, 'column', source)}
}

function validateGaugeName(name: string, source: string): string {
  if (!GAUGE_NAME.test(name)) throw new UsageError(`${source}: ${JSON.stringify(name)} is not a valid gauge name`, 'use letters, digits and _, not starting with a digit')
  return name
}

/** A single table's gauge is named after it, made fit for a Prometheus name: `location.cell-x` → `location_cell_x`. */
function gaugeNameOf(table: TableColumn): string {
  const name = formatTableRef(table.ref).replace(/[^A-Za-z0-9_]/g, '_')
  return /^[0-9]/.test(name) ? `_${name}` : name
}

interface DatabaseEntry {
  readonly where: string
  readonly values: Mapping
  readonly url?: string
  readonly urlEnv?: string
  readonly groups: readonly TableGroup[]
}

function databaseEntries(file: Mapping, where: string): DatabaseEntry[] {
  const listed = file.databases
  if (file.groups !== undefined && listed !== undefined) throw new UsageError(`${where}: give groups either at tables.groups or under tables.databases, not both`)
  if (listed === undefined || listed === null) return file.groups === undefined ? [] : [databaseEntry(file, where)]
  if (!Array.isArray(listed)) throw new UsageError(`${where}.databases must be a list`)
  return listed.map((item, index) => databaseEntry(mapping(item, `${where}.databases[${index}]`), `${where}.databases[${index}]`))
}

function databaseEntry(values: Mapping, where: string): DatabaseEntry {
  const url = scalar(values, 'url', `${where}.url`)
  const urlEnv = scalar(values, 'url_env', `${where}.url_env`)
  if (url !== undefined && urlEnv !== undefined) throw new UsageError(`${where}: give url or url_env, not both`)
  const list = values.groups
  if (!Array.isArray(list) || list.length === 0) throw new UsageError(`${where}.groups must be a list of tables or groups`, 'e.g. groups: [cell_gsm_ocid, {name: cell_ocid_age, tables: [cell_gsm_ocid, cell_lte_ocid]}]')
  return {where, values, url, urlEnv, groups: list.map((item, index) => groupOf(item, `${where}.groups[${index}]`))}
}

/** `cell_gsm_ocid:created`, or `{name, tables: [...], column}`, or `{name, table, column}`. */
function groupOf(item: unknown, where: string): TableGroup {
  if (typeof item === 'string') {
    const table = parseTableColumn(item, where)
    return {name: gaugeNameOf(table), tables: [table]}
  }
  const values = mapping(item, where)
  const column = scalar(values, 'column', `${where}.column`) ?? DEFAULT_COLUMN
  const single = scalar(values, 'table', `${where}.table`)
  const listed = values.tables
  if ((single === undefined) === (listed === undefined)) throw new UsageError(`${where}: give table or tables (one of them)`)
  if (listed !== undefined && (!Array.isArray(listed) || listed.length === 0)) throw new UsageError(`${where}.tables must be a non-empty list of table names`)
  const texts = single === undefined ? (listed as unknown[]).map(String) : [single]
  const tables = texts.map(text => parseTableColumn(text, `${where}.tables`, column))
  const name = scalar(values, 'name', `${where}.name`)
  if (name === undefined && tables.length > 1) throw new UsageError(`${where}: a group of several tables needs a name`)
  return {name: name === undefined ? gaugeNameOf(tables[0]) : validateGaugeName(name, `${where}.name`), tables}
}

function urlOf(values: Mapping, where: string, env: NodeJS.ProcessEnv): string | undefined {
  const url = scalar(values, 'url', `${where}.url`)
  const urlEnv = scalar(values, 'url_env', `${where}.url_env`)
  return url ?? (urlEnv === undefined ? undefined : envUrl(env, urlEnv, `${where}.url_env`))
}

function envUrl(env: NodeJS.ProcessEnv, name: string, source: string): string {
  const url = env[name]
  if (!url) throw new UsageError(`${source}: environment variable ${name} is not set`)
  return url
}

function zoneOf(values: Mapping, where: string): TimeZone | undefined {
  const text = scalar(values, 'timezone', `${where}.timezone`)
  return text === undefined ? undefined : parseTimeZone(text, `${where}.timezone`)
}

function tlsOf(values: Mapping, where: string): TlsOverrides {
  if (values.tls === undefined || values.tls === null) return {}
  const tls = mapping(values.tls, `${where}.tls`)
  const mode = scalar(tls, 'mode', `${where}.tls.mode`)
  return definedOnly({
    mode: mode === undefined ? undefined : parseTlsMode(mode, `${where}.tls.mode`),
    ca: scalar(tls, 'ca', `${where}.tls.ca`),
    cert: scalar(tls, 'cert', `${where}.tls.cert`),
    key: scalar(tls, 'key', `${where}.tls.key`),
  })
}

function checkUniqueNames(databases: readonly DatabasePlan[]): void {
  const seen = new Map<string, string>()
  for (const {target, groups} of databases) {
    for (const group of groups) {
      const other = seen.get(group.name)
      if (other !== undefined) throw new UsageError(`two gauges are named ${group.name} (${other} and ${target.label})`, 'give each its own name (--as, or name: in the config file)')
      seen.set(group.name, target.label)
    }
  }
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>
}
