import {commonFlags} from '../flags/common.js'
import {prometheusSinkFlags} from '../flags/prometheus-sinks.js'
import type {FlagSpecs} from '../flags/spec.js'
import {statsdTargetFlags} from '../flags/statsd-target.js'

const job = 'JOB'

/** The Pushgateway job when neither --job nor the config file names one. */
export const DATAMAPS_JOB = 'metrics_datamaps'

export const datamapsFlags = {
  ...commonFlags,
  source: {kind: 'string', char: 's', helpValue: 'URL|csv:PATH', summary: "mysql://user:pass@host/db (Ichnaea's datamap_* tables), or csv:PATH: a file, a directory of *.csv, - for stdin [env: DATABASE_URL]", helpGroup: job},
  output: {kind: 'string', char: 'o', helpValue: 'DIR|s3://BUCKET/PREFIX', summary: 'where the tiles are synced to [default ./tiles]', helpGroup: job},
  's3-endpoint': {kind: 'string', helpValue: 'URL', summary: 'an S3-compatible endpoint (MinIO, R2, …), path-style [env: AWS_ENDPOINT_URL_S3]', helpGroup: job},
  'max-zoom': {kind: 'string', helpValue: 'N', summary: 'render zooms 0 to N, N at most 13 [default 11]', helpGroup: job},
  concurrency: {kind: 'string', char: 'j', helpValue: 'N', summary: 'worker threads for encoding and rendering [default: the CPU count]', helpGroup: job},
  shard: {kind: 'string', helpValue: 'I/N', summary: 'render and sync only slice I (0-based) of N, for N machines sharing one map', helpGroup: job},
  timeout: {kind: 'string', helpValue: 'DURATION', summary: 'limit for connecting to the database, and for each sink (a Pushgateway push, a statsd TCP connect) [default 10s]', helpGroup: job},
  quiet: {kind: 'boolean', char: 'q', summary: 'no progress bars, no summary table'},
  ...statsdTargetFlags,
  // A failed run leaves the last success time in place, so that its age can alert: names are replaced, not the group.
  ...prometheusSinkFlags({defaultJob: DATAMAPS_JOB, pushgateway: 'push to this Pushgateway; each run replaces the metrics it sends'}),
} as const satisfies FlagSpecs

export type DatamapsFlags = {
  readonly [K in keyof typeof datamapsFlags]?: (typeof datamapsFlags)[K] extends {kind: 'boolean'} ? boolean : (typeof datamapsFlags)[K] extends {multiple: true} ? readonly string[] : string
}
