/**
 * What one run samples, resolved from flags, environment and config file
 * (src/queues/config.ts) and independent of where the values go.
 */
import type {CeleryNaming} from '../sample/celery-keys.js'
import type {CheckSpec} from '../sample/redis-checks.js'
import type {Tag} from '../statsd/sample.js'

export interface QueueSpec {
  readonly name: string
  /** Sum the Celery priority sub-queues instead of reading the one key. */
  readonly celery: boolean
  /** Tags after `queue:<name>`. */
  readonly tags: readonly Tag[]
}

export interface PatternSpec {
  /** A SCAN MATCH glob; every key found is a queue. */
  readonly pattern: string
  /** Fold keys found into Celery queues (a priority sub-queue counts towards its queue). */
  readonly celery: boolean
  readonly tags: readonly Tag[]
}

/** The queue gauge's names: statsd `queue` tagged `queue:<name>`, Prometheus `queue_length{queue="<name>"}`. */
export interface QueueMetric {
  readonly statsd: string
  readonly prometheus: string
  readonly help: string
}

export const DEFAULT_QUEUE_METRIC: QueueMetric = {
  statsd: 'queue',
  prometheus: 'queue_length',
  help: 'Items waiting in a Redis queue: the length of its list, zset, set, stream or hash (summed over Celery priorities).',
}

/** The most keys one SCAN pattern may contribute: memory and time stay bounded whatever the keyspace. */
export const DEFAULT_MAX_KEYS = 10_000

export interface SamplePlan {
  readonly queues: readonly QueueSpec[]
  readonly patterns: readonly PatternSpec[]
  readonly checks: readonly CheckSpec[]
  readonly celery: CeleryNaming
  readonly metric: QueueMetric
  readonly maxKeys: number
  /** Read lengths with EVAL (one round trip) rather than TYPE and length pipelines (two). */
  readonly lua: boolean
}
