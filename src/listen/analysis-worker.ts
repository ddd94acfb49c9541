/**
 * The analysis thread (see analysis.ts): drains the packet ring into the pipeline, its
 * view and the --expose exporter, and sends the view's output to the main thread, which
 * owns stdout and stderr.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {Exporter, type ExporterStatus} from '../exporter/exporter.js'
import {OperationError, UsageError} from '../errors.js'
import {StatsdParser} from '../statsd/parse.js'
import {Aggregator} from './aggregate.js'
import {AggregateView} from './aggregate-view.js'
import type {AnalysisSettings, AnalysisWorkerData, FromWorker, ToWorker} from './analysis.js'
import {compileFilter} from './filter.js'
import {LiveMapping} from './live-mapping.js'
import type {TextOutput} from './output.js'
import {PacketRing} from './packet-ring.js'
import {DISCARD, Pipeline, type PeriodicView, type RecordSink} from './pipeline.js'
import {StreamView} from './stream-view.js'
import {TcpCounts} from './tcp.js'
import {TopTable} from './top.js'
import {TopView, type TopScreenSize} from './top-view.js'

/** Packets parsed between two turns of the event loop, where timers, messages and scrapes run. */
const BATCH = 256
/** How long an idle thread sleeps before it looks at timers and messages again. */
const IDLE_MS = 20

const port = parentPort
if (port === null) throw new Error('analysis-worker.js runs in a worker thread')
const {shared, settings} = workerData as AnalysisWorkerData
const post = (message: FromWorker): void => port.postMessage(message)

// Only read when --top redraws in place, which is when settings.terminal is set.
let screenSize: TopScreenSize = settings.terminal ?? {columns: 80, rows: 24}

try {
  await run()
} catch (error) {
  // Set-up failed (a mapping that no longer loads, an --expose address in use): one line for the user.
  const known = error instanceof OperationError || error instanceof UsageError
  post({type: 'failed', message: known ? error.message : `the analysis thread did not start: ${(error as Error).message}`})
}

async function run(): Promise<void> {
  const mapping = settings.translate ? openMapping(settings) : undefined
  const tcpCounts = settings.tcpCounts === undefined ? undefined : TcpCounts.attach(settings.tcpCounts)
  const reload = (): void => void mapping?.reload().then(notice => notice && post({type: 'notice', text: notice.text}))
  const view = createView(settings, {write: (text, lines) => post({type: 'output', text, lines})})
  const parser = new StatsdParser(settings.tagFormats)
  const exporter: Exporter | undefined = settings.expose === undefined
    ? undefined
    : await Exporter.start({...settings.expose, status: () => exporterStatus(pipeline, mapping, tcpCounts), onReload: reload})
  const pipeline: Pipeline = new Pipeline({
    parser,
    sink: exporter === undefined ? view : tee(view, exporter.sink),
    filter: compileFilter(settings.filter),
    count: settings.count,
    onLimit: () => post({type: 'limit'}),
    translator: mapping,
  })
  const ring = PacketRing.attach(shared)
  let finishing = false

  port?.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'begin':
        view.start(message.source)
        void drain()
        return
      case 'resize':
        screenSize = message.size
        return
      case 'reload':
        return reload()
      case 'finish':
        finishing = true
    }
  })
  post({type: 'ready', exposed: exporter?.address})

  async function drain(): Promise<void> {
    for (;;) {
      if (ring.drain(packet => pipeline.handle(packet), BATCH) === 0) {
        // The source is closed before finish is sent: an empty ring then is the end.
        if (finishing) break
        ring.sleep(IDLE_MS)
      }
      await new Promise(resolve => setImmediate(resolve))
    }
    await exporter?.close()
    post({type: 'done', counts: pipeline.counts, overflow: view.overflow, evicted: view.evicted, last: view.stop()})
  }
}

function openMapping(settings: AnalysisSettings): LiveMapping {
  const {mapping} = settings
  return mapping === undefined ? LiveMapping.empty() : LiveMapping.fromBytes(mapping.path, mapping.bytes)
}

function exporterStatus(pipeline: Pipeline, mapping: LiveMapping | undefined, tcpCounts: TcpCounts | undefined): ExporterStatus {
  const counts = pipeline.counts
  const mappingCounts = mapping?.counts
  return {
    lineStats: counts.parser,
    packets: counts.packets,
    transport: settings.transport,
    tcp: tcpCounts?.read(),
    loadedMappings: mappingCounts?.loadedMappings ?? 0,
    reloads: mappingCounts?.reloads ?? {success: 0, failure: 0},
    cache: mappingCounts?.cache,
  }
}

/** Every record to the view, then to the exporter. */
function tee(view: RecordSink, exporter: RecordSink): RecordSink {
  return {
    record(record, now, series) {
      view.record(record, now, series)
      exporter.record(record, now, series)
    },
    endPacket(packet, firstLineNo, now) {
      view.endPacket(packet, firstLineNo, now)
      exporter.endPacket(packet, firstLineNo, now)
    },
  }
}

/** A view that prints as records arrive (or not at all), given the periodic view's shape. */
function unscheduled(sink: RecordSink): PeriodicView {
  return {record: sink.record.bind(sink), endPacket: sink.endPacket.bind(sink), start: () => undefined, stop: () => [], overflow: 0, evicted: 0}
}

function createView(settings: AnalysisSettings, output: TextOutput): PeriodicView {
  const {view} = settings
  switch (view.kind) {
    case 'none': return unscheduled(DISCARD)
    case 'stream': return unscheduled(new StreamView(view.format, output, settings.color))
    case 'aggregate': {
      const aggregator = new Aggregator({maxSeries: settings.maxSeries, percentiles: view.percentiles, groupBy: view.groupBy})
      return new AggregateView(aggregator, output, {format: view.format, intervalMs: view.intervalMs, color: settings.color})
    }
    case 'top': {
      const terminal = settings.terminal === undefined ? undefined : (): TopScreenSize => screenSize
      return new TopView(new TopTable(settings.maxSeries, Date.now(), view.groupBy), output, {intervalMs: view.intervalMs, terminal, color: settings.color})
    }
  }
}
