import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {checkGroupingKey, pushToGateway, toPrometheusText, validateObservations, writeTextfileAtomically, type GaugeObservation, type PushgatewayTarget} from '../../src/emit/prometheus.js'
import {OperationError, UsageError} from '../../src/errors.js'
import {deadTcpPort} from '../support/listeners.js'
import {startPushgateway, type RunningPushgateway} from './pushgateway.js'

const queue = (name: string, value: number, extra: Record<string, string> = {}): GaugeObservation => ({
  name: 'queue_length',
  help: 'Items waiting in a Redis queue.',
  labels: {queue: name, ...extra},
  value,
})

describe('toPrometheusText', () => {
  it('writes one family per name, with HELP and TYPE, in first-seen order', async () => {
    const text = await toPrometheusText([
      queue('celery_default', 3),
      {name: 'api_limit', help: 'API requests today.', labels: {key: 'test', path: 'v1.geolocate'}, value: 12},
      queue('update_wifi_0', 0),
    ])
    expect(text).toBe(
      [
        '# HELP queue_length Items waiting in a Redis queue.',
        '# TYPE queue_length gauge',
        'queue_length{queue="celery_default"} 3',
        'queue_length{queue="update_wifi_0"} 0',
        '',
        '# HELP api_limit API requests today.',
        '# TYPE api_limit gauge',
        'api_limit{key="test",path="v1.geolocate"} 12',
        '',
      ].join('\n'),
    )
  })

  it('takes the union of label names, so series of one family may differ in labels', async () => {
    const text = await toPrometheusText([queue('celery_default', 1, {queue_type: 'task'}), queue('update_cell_lte', 2, {queue_type: 'data', data_type: 'cell'})])
    expect(text).toContain('queue_length{queue="celery_default",queue_type="task"} 1')
    expect(text).toContain('queue_length{queue="update_cell_lte",queue_type="data",data_type="cell"} 2')
  })

  it('escapes label values from Redis: quotes, backslashes and newlines', async () => {
    const text = await toPrometheusText([queue('a"b\\c\nd', 1)])
    expect(text).toContain('queue_length{queue="a\\"b\\\\c\\nd"} 1')
  })

  it('writes no series for no observations', async () => {
    expect((await toPrometheusText([])).trim()).toBe('')
  })
})

describe('validateObservations', () => {
  const cases: Array<[string, GaugeObservation[], RegExp]> = [
    ['a metric name starting with a digit', [{...queue('q', 1), name: '1queue'}], /invalid Prometheus metric name "1queue"/],
    ['a metric name with a dot', [{...queue('q', 1), name: 'api.limit'}], /invalid Prometheus metric name "api.limit"/],
    ['a label name with a dash', [{...queue('q', 1), labels: {'queue-name': 'q'}}], /invalid Prometheus label name "queue-name" on queue_length/],
    ['a reserved label name', [{...queue('q', 1), labels: {__name__: 'q'}}], /invalid Prometheus label name "__name__"/],
    ['a duplicate series', [queue('q', 1), queue('q', 2)], /duplicate Prometheus series queue_length\{"queue":"q"\}/],
  ]
  it.each(cases)('rejects %s with a message naming it', (_, observations, message) => {
    expect(() => validateObservations(observations)).toThrow(UsageError)
    expect(() => validateObservations(observations)).toThrow(message)
  })

  it('accepts colons in metric names and the same labels under different names', () => {
    expect(() => validateObservations([{...queue('q', 1), name: 'job:queue_length:sum'}, queue('q', 1)])).not.toThrow()
  })
})

describe('writeTextfileAtomically', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'metrics-textfile-'))
  })
  afterAll(() => rmSync(dir, {recursive: true, force: true}))

  it('replaces the file and leaves no temporary file behind', async () => {
    const path = join(dir, 'queues.prom')
    writeFileSync(path, 'old\n')
    await writeTextfileAtomically(path, 'new\n')
    expect(readFileSync(path, 'utf8')).toBe('new\n')
    expect(readdirSync(dir)).toEqual(['queues.prom'])
  })

  it('never shows a concurrent reader a half-written file', async () => {
    const path = join(dir, 'race.prom')
    // Big enough that a plain writeFile takes several write() calls.
    const versions = ['a', 'b'].map(letter => `# ${letter}\n` + `queue_length{queue="${letter}"} 1\n`.repeat(40_000))
    await writeTextfileAtomically(path, versions[0])
    let writing = true
    let reads = 0
    const torn: number[] = []
    const reader = (async () => {
      while (writing) {
        const text = readFileSync(path, 'utf8')
        reads++
        if (!versions.includes(text)) torn.push(text.length)
        await new Promise(resolve => setImmediate(resolve))
      }
    })()
    for (let i = 0; i < 40; i++) await writeTextfileAtomically(path, versions[i % 2])
    writing = false
    await reader
    expect(reads).toBeGreaterThan(10)
    expect(torn).toEqual([])
  })

  it('throws an OperationError naming the path when the directory is missing, and cleans up', async () => {
    const path = join(dir, 'missing', 'queues.prom')
    await expect(writeTextfileAtomically(path, 'x\n')).rejects.toThrow(OperationError)
    await expect(writeTextfileAtomically(path, 'x\n')).rejects.toThrow(`could not write textfile ${path}: no such file or directory`)
  })
})

describe('pushToGateway (real Pushgateway)', () => {
  let gateway: RunningPushgateway
  beforeAll(async () => {
    gateway = await startPushgateway()
  })
  afterAll(() => gateway?.stop())

  it('pushes a group that the gateway then exposes with job and grouping labels', async () => {
    await pushToGateway({url: gateway.url, job: 'metrics_queues', groupings: {instance: 'cron1'}}, [queue('celery_default', 7), queue('update_incoming', 0)])
    const exposed = await gateway.metrics()
    expect(exposed).toMatch(/queue_length\{instance="cron1",job="metrics_queues",queue="celery_default"\} 7/)
    expect(exposed).toMatch(/queue_length\{instance="cron1",job="metrics_queues",queue="update_incoming"\} 0/)
    expect(exposed).toMatch(/push_time_seconds\{instance="cron1",job="metrics_queues"\} \d/)
  })

  it('replaces the whole group by default (PUT), so a queue that went away disappears', async () => {
    await pushToGateway({url: gateway.url, job: 'replace_test'}, [queue('gone', 1), queue('stays', 2)])
    await pushToGateway({url: gateway.url, job: 'replace_test'}, [queue('stays', 3)])
    const exposed = await gateway.metrics()
    expect(exposed).toMatch(/queue_length\{instance="",job="replace_test",queue="stays"\} 3/)
    expect(exposed).not.toMatch(/job="replace_test",queue="gone"/)
  })

  it('with method post, replaces only the names pushed', async () => {
    await pushToGateway({url: gateway.url, job: 'post_test'}, [queue('q', 1)])
    await pushToGateway({url: gateway.url, job: 'post_test', method: 'post'}, [{name: 'api_limit', help: 'h', labels: {}, value: 5}])
    const exposed = await gateway.metrics()
    expect(exposed).toMatch(/queue_length\{instance="",job="post_test",queue="q"\} 1/)
    expect(exposed).toMatch(/api_limit\{instance="",job="post_test"\} 5/)
  })

  it('reports a refused connection with the password redacted', async () => {
    const port = await deadTcpPort()
    const push = pushToGateway({url: `http://pusher:s3cret@127.0.0.1:${port}`, job: 'j'}, [queue('q', 1)])
    await expect(push).rejects.toThrow(OperationError)
    await expect(pushToGateway({url: `http://pusher:s3cret@127.0.0.1:${port}`, job: 'j'}, [queue('q', 1)])).rejects.toThrow(
      new RegExp(`^could not push to Pushgateway at http://pusher:\\*\\*\\*@127\\.0\\.0\\.1:${port}: connection refused$`),
    )
  })

  it('reports what the gateway refused, in one line', async () => {
    // The gateway refuses a gauge whose name another group already holds as a counter.
    const counter = await fetch(`${gateway.url}/metrics/job/other`, {method: 'PUT', body: '# TYPE conflicting counter\nconflicting 1\n'})
    expect(counter.status).toBe(200)
    const push = pushToGateway({url: gateway.url, job: 'j'}, [{...queue('q', 1), name: 'conflicting'}])
    await expect(push).rejects.toThrow(/^could not push to Pushgateway at http:\/\/127\.0\.0\.1:\d+: it refused the push: pushed metrics are invalid or inconsistent with existing metrics: [^\n]{1,302}$/)
  })

  it('rejects a grouping label name the gateway would refuse, before pushing', async () => {
    await expect(pushToGateway({url: gateway.url, job: 'j', groupings: {'bad-label': 'x'}}, [queue('q', 1)])).rejects.toThrow(UsageError)
  })

  it('keeps a grouping value with a slash whole, base64-encoded in the path as the gateway asks', async () => {
    await pushToGateway({url: gateway.url, job: 'slash_test', groupings: {instance: 'host/1', zone: 'eu'}}, [queue('q', 1)])
    expect(await gateway.metrics()).toMatch(/queue_length\{instance="host\/1",job="slash_test",queue="q",zone="eu"\} 1/)
  })
})

describe('checkGroupingKey', () => {
  const target = (job: string, groupings: Record<string, string>): PushgatewayTarget => ({url: 'http://gw:9091', job, groupings})

  it('returns a target the gateway accepts', () => {
    expect(checkGroupingKey(target('metrics_queues', {instance: 'cron1', path: 'a/b'}))).toEqual(target('metrics_queues', {instance: 'cron1', path: 'a/b'}))
  })

  it.each<[string, Record<string, string>, string]>([
    ['', {}, '--job: the job name must not be empty'],
    ['a/b', {}, '--job: the job name must not contain "/", got "a/b"'],
    ['j', {'1bad': 'x'}, '--grouping: invalid label name "1bad"'],
    ['j', {'in-stance': 'x'}, '--grouping: invalid label name "in-stance"'],
    ['j', {__name__: 'x'}, '--grouping: invalid label name "__name__"'],
    ['j', {job: 'x'}, '--grouping: the job is not a grouping label'],
    ['j', {instance: ''}, '--grouping: instance needs a value, e.g. instance=cron1'],
  ])('refuses job %j with groupings %j', (job, groupings, message) => {
    const check = (): unknown => checkGroupingKey(target(job, groupings), {job: '--job', grouping: '--grouping'})
    expect(check).toThrow(UsageError)
    expect(check).toThrow(message)
  })
})
