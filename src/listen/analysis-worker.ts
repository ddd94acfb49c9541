/**
 * The analysis thread (see analysis.ts): drains the packet ring into the pipeline and a
 * periodic view, and sends the view's output to the main thread, which owns stdout.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {StatsdParser} from '../statsd/parse.js'
import {Aggregator} from './aggregate.js'
import {AggregateView} from './aggregate-view.js'
import type {AnalysisSettings, AnalysisWorkerData, FromWorker, ToWorker} from './analysis.js'
import {compileFilter} from './filter.js'
import type {TextOutput} from './output.js'
import {PacketRing} from './packet-ring.js'
import {Pipeline, type PeriodicView} from './pipeline.js'
import {TopTable} from './top.js'
import {TopView, type TopScreenSize} from './top-view.js'

/** Packets parsed between two turns of the event loop, where timers and messages run. */
const BATCH = 256
/** How long an idle thread sleeps before it looks at timers and messages again. */
const IDLE_MS = 20

const port = parentPort
if (port === null) throw new Error('analysis-worker.js runs in a worker thread')
const {shared, settings} = workerData as AnalysisWorkerData
const post = (message: FromWorker): void => port.postMessage(message)

// Only read when --top redraws in place, which is when settings.terminal is set.
let screenSize: TopScreenSize = settings.terminal ?? {columns: 80, rows: 24}
const view = createView(settings, {write: (text, lines) => post({type: 'output', text, lines})})
const pipeline = new Pipeline({
  parser: new StatsdParser(settings.tagFormats),
  sink: view,
  filter: compileFilter(settings.filter),
  count: settings.count,
  onLimit: () => post({type: 'limit'}),
})
const ring = PacketRing.attach(shared)
let finishing = false

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'begin':
      view.start(message.source)
      void drain()
      return
    case 'resize':
      screenSize = message.size
      return
    case 'finish':
      finishing = true
  }
})

async function drain(): Promise<void> {
  for (;;) {
    if (ring.drain(packet => pipeline.handle(packet), BATCH) === 0) {
      // The source is closed before finish is sent: an empty ring then is the end.
      if (finishing) break
      ring.sleep(IDLE_MS)
    }
    await new Promise(resolve => setImmediate(resolve))
  }
  post({type: 'done', counts: pipeline.counts, overflow: view.overflow, last: view.stop()})
}

function createView(settings: AnalysisSettings, output: TextOutput): PeriodicView {
  const {view} = settings
  if (view.kind === 'aggregate') {
    const aggregator = new Aggregator({maxSeries: settings.maxSeries, percentiles: view.percentiles})
    return new AggregateView(aggregator, output, {format: view.format, intervalMs: view.intervalMs, color: settings.color})
  }
  const terminal = settings.terminal === undefined ? undefined : (): TopScreenSize => screenSize
  return new TopView(new TopTable(settings.maxSeries, Date.now()), output, {intervalMs: view.intervalMs, terminal, color: settings.color})
}
