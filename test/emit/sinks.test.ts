import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {PassThrough} from 'node:stream'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import type {Sinks} from '../../src/config/sinks.js'
import {resolveStatsdTarget} from '../../src/config/statsd-target.js'
import type {GaugeObservation} from '../../src/emit/prometheus.js'
import {emitToSinks, type Gauges} from '../../src/emit/sinks.js'
import {OperationError, UsageError} from '../../src/errors.js'
import {deadTcpPort, udpListener, type Listener} from '../support/listeners.js'
import {startPushgateway, type RunningPushgateway} from './pushgateway.js'

const observation = (name: string, labels: Record<string, string> = {}): GaugeObservation => ({name, help: `${name} help`, labels, value: 3})
const gauges = (observations: GaugeObservation[]): Gauges => ({
  samples: observations.map(({name, value}) => ({name, type: 'g', value, sampleRate: 1, tags: [], relative: false})),
  observations,
})

describe('emitToSinks', () => {
  let statsd: Listener
  let stdout: PassThrough & {isTTY?: boolean}
  let dir: string
  const printed = (): string => String(stdout.read() ?? '')
  const statsdSink = (): Sinks['statsd'] => resolveStatsdTarget({port: String(statsd.port)}, {}, {document: {}})

  beforeEach(async () => {
    statsd = await udpListener()
    stdout = new PassThrough()
    dir = mkdtempSync(join(tmpdir(), 'metrics-sinks-'))
  })

  afterEach(async () => {
    await statsd.close()
    rmSync(dir, {recursive: true, force: true})
  })

  it('sends to every sink chosen and says where', async () => {
    const textfile = join(dir, 'q.prom')
    const delivery = await emitToSinks({statsd: statsdSink(), textfile, print: true}, gauges([observation('queue_length', {queue: 'a'})]), {stdout})
    expect(delivery.errors).toEqual([])
    expect(delivery.sentTo).toEqual([`udp://127.0.0.1:${statsd.port}`, `textfile ${textfile}`, 'stdout'])
    expect(await statsd.waitForLines(1)).toEqual(['queue_length:3|g'])
    expect(readFileSync(textfile, 'utf8')).toContain('queue_length{queue="a"} 3')
    expect(printed()).toContain('# HELP queue_length queue_length help')
  })

  it('validates the Prometheus names before sending anything', async () => {
    const textfile = join(dir, 'q.prom')
    const run = emitToSinks({statsd: statsdSink(), textfile, print: true}, gauges([observation('ok'), observation('bad-name')]), {stdout})
    await expect(run).rejects.toThrow(new UsageError('invalid Prometheus metric name "bad-name"', 'use letters, digits, _ and :, not starting with a digit'))
    expect(existsSync(textfile)).toBe(false)
    expect(printed()).toBe('')
  })

  it('sends to the other sinks when one fails, and returns the failure', async () => {
    const textfile = join(dir, 'missing-dir', 'q.prom')
    const delivery = await emitToSinks({statsd: statsdSink(), textfile, print: true}, gauges([observation('ok')]), {stdout})
    expect(delivery.errors).toEqual([expect.any(OperationError)])
    expect(delivery.errors[0].message).toMatch(/^could not write textfile .*missing-dir/)
    expect(delivery.sentTo).toEqual([`udp://127.0.0.1:${statsd.port}`, 'stdout'])
    expect(await statsd.waitForLines(1)).toHaveLength(1)
    expect(printed()).toContain('ok 3')
  })

  it('escapes control characters in --print text only for a terminal', async () => {
    const escape = gauges([observation('queue_length', {queue: 'red\u001b[31m'})])
    await emitToSinks({print: true}, escape, {stdout})
    expect(printed()).toContain('queue="red\u001b[31m"')
    stdout.isTTY = true
    await emitToSinks({print: true}, escape, {stdout})
    const text = printed()
    expect(text).toContain('queue_length{queue="red')
    expect(text).not.toContain('\u001b')
  })

  it('with skipEmpty, sends nothing to statsd or a Pushgateway when nothing was read', async () => {
    const pushgateway = {url: `http://127.0.0.1:${await deadTcpPort()}`, job: 'metrics_tables', method: 'post'} as const
    const skipped = await emitToSinks({statsd: statsdSink(), pushgateway, print: false}, gauges([]), {stdout, skipEmpty: true})
    expect(skipped).toEqual({sentTo: [], errors: []})
    const sent = await emitToSinks({statsd: statsdSink(), pushgateway, print: false}, gauges([]), {stdout})
    expect(sent.sentTo).toEqual([`udp://127.0.0.1:${statsd.port}`])
    expect(sent.errors).toEqual([expect.objectContaining({message: expect.stringMatching(/^could not push to Pushgateway at http:\/\/127\.0\.0\.1:\d+: /)})])
  })

  describe('with a Pushgateway', () => {
    let gateway: RunningPushgateway

    beforeEach(async () => {
      gateway = await startPushgateway()
    })

    afterEach(async () => {
      await gateway.stop()
    })

    it('pushes the observations under the job and groupings', async () => {
      const pushgateway = {url: gateway.url, job: 'metrics_queues', groupings: {instance: 'cron1'}}
      const delivery = await emitToSinks({pushgateway, print: false}, gauges([observation('queue_length', {queue: 'a'})]), {stdout})
      expect(delivery).toEqual({sentTo: [`pushgateway ${gateway.url}`], errors: []})
      expect(await gateway.metrics()).toMatch(/^queue_length\{instance="cron1",job="metrics_queues",queue="a"\} 3$/m)
    })
  })
})
