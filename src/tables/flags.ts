import {commonFlags} from '../flags/common.js'
import {prometheusSinkFlags} from '../flags/prometheus-sinks.js'
import type {FlagSpecs} from '../flags/spec.js'
import {statsdTargetFlags} from '../flags/statsd-target.js'
import {TLS_MODES} from '../sql/url.js'

const database = 'DATABASE'
const schedule = 'SCHEDULE'

/** The Pushgateway job when neither --job nor the config file names one. */
export const TABLES_JOB = 'metrics_tables'

export const tablesFlags = {
  ...commonFlags,
  db: {kind: 'string', char: 'd', helpValue: 'URL', summary: 'mysql://, mariadb:// or postgres:// URL [env: DATABASE_URL]', helpGroup: database},
  table: {kind: 'string', multiple: true, helpValue: 'NAME[:COLUMN]', summary: 'a table (or SCHEMA.TABLE) and its time column, default created (repeatable)', helpGroup: database},
  as: {kind: 'string', helpValue: 'NAME', summary: 'report the --table tables as one gauge, the max over them (shard tables)', helpGroup: database},
  timezone: {kind: 'string', helpValue: 'ZONE', summary: 'zone of DATETIME, DATE and timestamp-without-time-zone values: UTC, +05:30 or Europe/Berlin [default UTC]', helpGroup: database},
  timeout: {kind: 'string', helpValue: 'DURATION', summary: 'limit for connecting, for each table\'s query, and for each sink (a Pushgateway push, a statsd TCP connect) [default 10s]', helpGroup: database},
  tls: {kind: 'string', summary: 'TLS to the database [default disable, or verify-full with --tls-ca]', options: TLS_MODES, helpGroup: database},
  'tls-ca': {kind: 'string', helpValue: 'FILE', summary: 'PEM file of the CA that signed the server certificate', helpGroup: database},
  'tls-cert': {kind: 'string', helpValue: 'FILE', summary: 'PEM client certificate, with --tls-key', helpGroup: database},
  'tls-key': {kind: 'string', helpValue: 'FILE', summary: 'PEM client key', helpGroup: database},
  ...statsdTargetFlags,
  // Pushed with POST, not PUT: a gauge that could not be read keeps its last timestamp in the group, so its alert fires.
  ...prometheusSinkFlags({defaultJob: TABLES_JOB, pushgateway: 'push to this Pushgateway, replacing the gauges pushed and keeping the others'}),
  interval: {kind: 'string', helpValue: 'DURATION', summary: 'sample again every DURATION, e.g. 60s, instead of once', helpGroup: schedule},
  count: {kind: 'string', helpValue: 'N', summary: 'with --interval: stop after N samples', helpGroup: schedule},
  quiet: {kind: 'boolean', summary: 'print nothing on success, even on a terminal'},
} as const satisfies FlagSpecs

export type TablesFlags = {
  readonly [K in keyof typeof tablesFlags]?: (typeof tablesFlags)[K] extends {kind: 'boolean'} ? boolean : (typeof tablesFlags)[K] extends {multiple: true} ? readonly string[] : string
}
