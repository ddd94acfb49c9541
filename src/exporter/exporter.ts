/**
 * `tail --expose`: the registry, the sink that feeds it, the HTTP server that shows it
 * with the exporter's own metrics (written by prom-client: exposition.ts), and the sweep
 * that expires series past their TTL, every second as statsd_exporter does.
 */
import {ExporterSink} from './exporter-sink.js'
import {Exposition} from './exposition.js'
import {serveMetrics, type MetricsServer} from './http.js'
import {SeriesRegistry} from './registry.js'
import {SELF_METRIC_NAMES, selfMetricFamilies, type ExporterStatus} from './self-metrics.js'

export type {ExporterStatus} from './self-metrics.js'

export interface ExporterOptions {
  readonly host: string
  /** 0 picks a free port: see `address`. */
  readonly port: number
  /** Read at each scrape. */
  readonly status: () => ExporterStatus
  /** Milliseconds; the same clock as the pipeline's `now`. */
  readonly clock?: () => number
  readonly sweepIntervalMs?: number
  /** Enables POST/PUT /-/reload. */
  readonly onReload?: () => void
}

export class Exporter {
  private constructor(
    /** Where records go: the pipeline's sink (or one of a tee). */
    readonly sink: ExporterSink,
    private readonly server: MetricsServer,
    private readonly sweep: NodeJS.Timeout,
  ) {}

  /** Serves at once; throws OperationError when the address cannot be listened on. */
  static async start(options: ExporterOptions): Promise<Exporter> {
    const clock = options.clock ?? Date.now
    const registry = new SeriesRegistry(SELF_METRIC_NAMES)
    const sink = new ExporterSink(registry)
    const exposition = await Exposition.create(registry)
    const server = await serveMetrics({
      host: options.host,
      port: options.port,
      onReload: options.onReload,
      metrics: () => exposition.render(clock(), selfMetricFamilies(options.status(), sink.counts, registry.metricsByType)),
    })
    const sweep = setInterval(() => registry.expire(clock()), options.sweepIntervalMs ?? 1000)
    sweep.unref()
    return new Exporter(sink, server, sweep)
  }

  /** e.g. http://127.0.0.1:9102/metrics, with the port actually bound. */
  get address(): string {
    return this.server.address
  }

  async close(): Promise<void> {
    clearInterval(this.sweep)
    await this.server.close()
  }
}
