/**
 * client_golang's summary, as statsd_exporter configures it: age buckets of beorn7/perks
 * CKMS streams, clocked by the caller. Pure; time comes in as `now` (milliseconds).
 */

export interface Target {
  readonly quantile: number
  readonly error: number
}

export interface SummaryConfig {
  readonly targets: readonly Target[]
  /** The objectives' quantiles in ascending order. */
  readonly ranks: readonly number[]
  readonly maxAgeMs: number
  readonly ageBuckets: number
  readonly bufCap: number
}

/** statsd_exporter's objectives when none are configured. */
const DEFAULT_OBJECTIVES: readonly Target[] = [{quantile: 0.5, error: 0.05}, {quantile: 0.9, error: 0.01}, {quantile: 0.99, error: 0.001}]
/** client_golang's DefMaxAge, DefAgeBuckets and DefBufCap. */
const DEFAULT_MAX_AGE_MS = 10 * 60 * 1000
const DEFAULT_AGE_BUCKETS = 5
const DEFAULT_BUF_CAP = 500

export function summaryConfig(options: {readonly quantiles: readonly Target[]; readonly maxAgeSeconds: number; readonly ageBuckets: number; readonly bufCap: number}): SummaryConfig {
  // A Go map: a quantile given twice keeps its last error.
  const byQuantile = new Map<number, number>()
  for (const {quantile, error} of options.quantiles.length > 0 ? options.quantiles : DEFAULT_OBJECTIVES) byQuantile.set(quantile, error)
  const ranks = [...byQuantile.keys()].sort((a, b) => a - b)
  return {
    targets: ranks.map(quantile => ({quantile, error: byQuantile.get(quantile) as number})),
    ranks,
    maxAgeMs: options.maxAgeSeconds > 0 ? options.maxAgeSeconds * 1000 : DEFAULT_MAX_AGE_MS,
    ageBuckets: options.ageBuckets > 0 ? options.ageBuckets : DEFAULT_AGE_BUCKETS,
    bufCap: options.bufCap > 0 ? options.bufCap : DEFAULT_BUF_CAP,
  }
}

/**
 * client_golang's summary, clocked by the caller: observations wait in a buffer (bufCap
 * of them, or one age bucket's time) and then go into every one of ageBuckets streams;
 * each maxAge/ageBuckets the oldest stream is cleared and the next becomes the one
 * queried, so quantiles cover between maxAge·(1-1/ageBuckets) and maxAge of data. Sum and
 * count cover everything. With no observation in the window the quantiles are NaN.
 * client_golang's asynchronous flush happens synchronously here, which changes nothing
 * but timing.
 */
export class SlidingSummary {
  sum = 0
  count = 0
  private buffer: number[] = []
  private readonly streams: QuantileStream[]
  private head = 0
  /** Expiry times are start + epoch × streamMs: the buffer's and the head stream's. */
  private readonly start: number
  private readonly streamMs: number
  private bufferEpoch = 1
  private headEpoch = 1

  constructor(private readonly config: SummaryConfig, now: number) {
    this.start = now
    this.streamMs = config.maxAgeMs / config.ageBuckets
    this.streams = Array.from({length: config.ageBuckets}, () => new QuantileStream(config.targets))
  }

  observe(value: number, now: number): void {
    if (now > this.expiry(this.bufferEpoch)) this.flush(now)
    this.buffer.push(value)
    if (this.buffer.length >= this.config.bufCap) this.flush(now)
  }

  /** The objectives' values now, in ascending quantile order. */
  quantiles(now: number): number[] {
    this.flush(now)
    const stream = this.streams[this.head]
    return this.config.ranks.map(rank => (stream.count() === 0 ? Number.NaN : stream.query(rank)))
  }

  private expiry(epoch: number): number {
    return this.start + epoch * this.streamMs
  }

  /** client_golang's swapBufs, flushColdBuf and maybeRotateStreams. */
  private flush(now: number): void {
    if (now > this.expiry(this.bufferEpoch)) {
      // The first expiry at or after now: computed, not stepped to, after a long silence.
      let epoch = Math.max(this.bufferEpoch, Math.ceil((now - this.start) / this.streamMs))
      while (now > this.expiry(epoch)) epoch++
      while (epoch - 1 > this.bufferEpoch && !(now > this.expiry(epoch - 1))) epoch--
      this.bufferEpoch = epoch
    }
    const pending = this.buffer
    this.buffer = []
    for (const value of pending) {
      for (const stream of this.streams) stream.insert(value)
      this.count++
      this.sum += value
    }
    const rotations = this.bufferEpoch - this.headEpoch
    if (rotations === 0) return
    const {streams} = this
    for (let i = 0; i < Math.min(rotations, streams.length); i++) streams[(this.head + i) % streams.length].reset()
    this.head = (this.head + rotations) % streams.length
    this.headEpoch = this.bufferEpoch
  }
}

/** How many observations a stream buffers before merging them: fixed in beorn7/perks. */
const STREAM_BUFFER = 500

/**
 * beorn7/perks' quantile.Stream made with NewTargeted, which client_golang uses: the
 * CKMS algorithm for biased quantiles ("Effective Computation of Biased Quantiles over
 * Data Streams"), step for step, so that the same observations give the same values.
 */
class QuantileStream {
  private n = 0
  private values: number[] = []
  private widths: number[] = []
  private deltas: number[] = []
  private buffer: Float64Array | undefined
  private buffered = 0
  private sorted = true

  constructor(private readonly targets: readonly Target[]) {}

  insert(value: number): void {
    this.buffer ??= new Float64Array(STREAM_BUFFER)
    this.buffer[this.buffered++] = value
    this.sorted = false
    if (this.buffered === STREAM_BUFFER) this.flush()
  }

  count(): number {
    return this.buffered + Math.trunc(this.n)
  }

  reset(): void {
    this.values = []
    this.widths = []
    this.deltas = []
    this.n = 0
    this.buffered = 0
  }

  query(quantile: number): number {
    if (this.values.length === 0) {
      // Before the first merge perks reads the buffer itself, which is exact.
      if (this.buffered === 0) return 0
      let i = Math.ceil(this.buffered * quantile)
      if (i > 0) i--
      return this.sortedBuffer()[i]
    }
    this.flush()
    const {values, widths, deltas} = this
    let t = Math.ceil(quantile * this.n)
    t += Math.ceil(this.invariant(t) / 2)
    let previous = 0
    let rank = 0
    for (let i = 1; i < values.length; i++) {
      rank += widths[previous]
      if (rank + widths[i] + deltas[i] > t) return values[previous]
      previous = i
    }
    return values[previous]
  }

  private sortedBuffer(): Float64Array {
    const buffered = (this.buffer as Float64Array).subarray(0, this.buffered)
    if (!this.sorted) {
      buffered.sort()
      this.sorted = true
    }
    return buffered
  }

  private flush(): void {
    const buffered = this.sortedBuffer()
    this.merge(buffered)
    this.buffered = 0
  }

  /** perks' f(r): the error allowed at rank r, the tightest of the targets'. */
  private invariant(rank: number): number {
    let allowed = Number.MAX_VALUE
    for (const {quantile, error} of this.targets) {
      const f = quantile * this.n <= rank ? (2 * error * rank) / quantile : (2 * error * (this.n - rank)) / (1 - quantile)
      if (f < allowed) allowed = f
    }
    return allowed
  }

  /** perks' stream.merge of sorted samples of width 1, as one pass instead of slice inserts. */
  private merge(samples: Float64Array): void {
    const {values, widths, deltas} = this
    const mergedValues: number[] = []
    const mergedWidths: number[] = []
    const mergedDeltas: number[] = []
    let rank = 0
    let j = 0
    for (const value of samples) {
      while (j < values.length && !(values[j] > value)) {
        mergedValues.push(values[j])
        mergedWidths.push(widths[j])
        mergedDeltas.push(deltas[j])
        rank += widths[j++]
      }
      // Inserted before a larger sample: perks' delta; appended at the end: 0.
      mergedValues.push(value)
      mergedWidths.push(1)
      mergedDeltas.push(j < values.length ? Math.max(0, Math.floor(this.invariant(rank)) - 1) : 0)
      this.n += 1
      rank += 1
    }
    for (; j < values.length; j++) {
      mergedValues.push(values[j])
      mergedWidths.push(widths[j])
      mergedDeltas.push(deltas[j])
    }
    this.values = mergedValues
    this.widths = mergedWidths
    this.deltas = mergedDeltas
    this.compress()
  }

  /**
   * perks' stream.compress: from the top down, a sample folds into the one above it while
   * their widths and delta fit the invariant. Survivors are written from the end, so one
   * pass replaces perks' slice removals.
   */
  private compress(): void {
    const {values, widths, deltas} = this
    const length = values.length
    if (length < 2) return
    let at = length - 1
    let width = widths[at]
    let delta = deltas[at]
    let rank = this.n - 1 - width
    for (let i = length - 2; i >= 0; i--) {
      const cWidth = widths[i]
      if (cWidth + width + delta <= this.invariant(rank)) {
        width += cWidth
        widths[at] = width
      } else {
        at--
        values[at] = values[i]
        widths[at] = cWidth
        deltas[at] = deltas[i]
        width = cWidth
        delta = deltas[i]
      }
      rank -= cWidth
    }
    if (at > 0) {
      values.splice(0, at)
      widths.splice(0, at)
      deltas.splice(0, at)
    }
  }
}
