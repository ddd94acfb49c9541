import {commonFlags} from '../flags/common.js'
import {prometheusSinkFlags} from '../flags/prometheus-sinks.js'
import type {FlagSpecs} from '../flags/spec.js'
import {statsdTargetFlags} from '../flags/statsd-target.js'
import {PRESET_NAMES} from './presets.js'

const redis = 'REDIS'
const what = 'WHAT TO SAMPLE'
const output = 'OUTPUT'
const schedule = 'SCHEDULE'

/** The Pushgateway job when neither --job nor the config file names one. */
export const QUEUES_JOB = 'metrics_queues'

export const queuesFlags = {
  ...commonFlags,
  ...statsdTargetFlags,
  ...prometheusSinkFlags({defaultJob: QUEUES_JOB, pushgateway: 'push to this Pushgateway, replacing the group'}),
  redis: {kind: 'string', char: 'r', helpValue: 'URL', summary: 'redis://[[user]:password@]host[:port][/db], rediss:// for TLS [env: REDIS_URL, default redis://127.0.0.1:6379/0]', helpGroup: redis},
  sentinel: {kind: 'string', multiple: true, helpValue: 'HOST:PORT', summary: 'find the master through these Sentinels (repeatable); user, password and db still come from --redis', helpGroup: redis},
  master: {kind: 'string', helpValue: 'NAME', summary: 'the master name the Sentinels monitor', helpGroup: redis},
  cluster: {kind: 'string', multiple: true, helpValue: 'HOST:PORT', summary: 'Redis Cluster seed nodes (repeatable); SCAN runs on every master', helpGroup: redis},
  queue: {kind: 'string', multiple: true, helpValue: 'NAME', summary: 'a queue key to sample (repeatable)', helpGroup: what},
  pattern: {kind: 'string', multiple: true, helpValue: 'GLOB', summary: 'sample every key SCAN finds for this glob (repeatable)', helpGroup: what},
  celery: {kind: 'boolean', summary: 'these are Celery queues: sum each over its priority sub-queues q, q\\x06\\x163, q\\x06\\x166, q\\x06\\x169', helpGroup: what},
  'celery-separator': {kind: 'string', helpValue: 'TEXT', summary: 'kombu sep between a queue and its priority, \\xNN escapes allowed [default \\x06\\x16]', helpGroup: what},
  'celery-steps': {kind: 'string', helpValue: 'N,N,…', summary: 'kombu priority_steps [default 0,3,6,9]', helpGroup: what},
  preset: {kind: 'string', options: PRESET_NAMES, summary: "a known system's queues (ichnaea: its Celery and update_* data queues)", helpGroup: what},
  'max-keys': {kind: 'string', helpValue: 'N', summary: 'stop each SCAN after N keys, with a warning [default 10000]', helpGroup: what},
  pipelines: {kind: 'boolean', summary: 'read lengths with TYPE and length-command pipelines (2 round trips) instead of EVAL (1), e.g. for an ACL without +eval', helpGroup: what},
  metric: {kind: 'string', helpValue: 'NAME', summary: 'statsd gauge name [default queue]', helpGroup: what},
  'prometheus-name': {kind: 'string', helpValue: 'NAME', summary: 'Prometheus metric name [default queue_length]', helpGroup: what},
  interval: {kind: 'string', summary: 'sample again every interval, e.g. 60s, instead of once', helpGroup: schedule},
  count: {kind: 'string', helpValue: 'N', summary: 'with --interval: stop after N samples', helpGroup: schedule},
  timeout: {kind: 'string', summary: 'give up on Redis, and on each sink (a Pushgateway push, a statsd TCP connect), after this long [default 5s, or the interval if shorter]', helpGroup: schedule},
  quiet: {kind: 'boolean', summary: 'print no summary on a terminal (cron, without one, gets none anyway)', helpGroup: output},
} as const satisfies FlagSpecs

export type QueuesFlags = {
  readonly [K in keyof typeof queuesFlags]?: (typeof queuesFlags)[K] extends {kind: 'boolean'} ? boolean : (typeof queuesFlags)[K] extends {multiple: true} ? readonly string[] : string
}
