/**
 * The one shape a metric observation has everywhere in metrics: parsers produce it,
 * sources (Redis, SQL, the datamaps job) produce it, sinks consume it.
 */

/** statsd wire types: counter, gauge, timer (ms), histogram, distribution, set. */
export type MetricType = 'c' | 'g' | 'ms' | 'h' | 'd' | 's'

export const METRIC_TYPES: readonly MetricType[] = ['c', 'g', 'ms', 'h', 'd', 's']

/**
 * One tag, in the order it was given. `value` is absent for a bare DogStatsD tag
 * (`#canary`), which is different from an empty value (`#env:`).
 */
export interface Tag {
  readonly key: string
  readonly value?: string
}

export interface Sample {
  readonly name: string
  readonly type: MetricType
  /** A number for every type but sets, whose members may be any string. */
  readonly value: number | string
  /** 1 when the sample was not sampled. What we send is in (0, 1]; what we parse is the raw wire rate, which may be anything. */
  readonly sampleRate: number
  readonly tags: readonly Tag[]
  /** A gauge sent as `+N`/`-N`: a delta, not a new value. */
  readonly relative: boolean
}
