import {describe, expect, it} from 'vitest'
import type {TextOutput} from '../../../src/listen/output.js'
import type {StreamFormat} from '../../../src/listen/options.js'
import {StreamView} from '../../../src/listen/stream-view.js'
import {formatJsonLines} from '../../../src/statsd/json-record.js'
import {feedThroughPipeline} from '../mapped.js'

const AT = new Date(2026, 0, 2, 3, 4, 5, 678).getTime()
const ESC = '\u001b'

class Collected implements TextOutput {
  text = ''
  write(text: string): void {
    this.text += text
  }
}

/** What a stream view prints for these packets, fed by a Pipeline as tail feeds it. */
function streamed(format: StreamFormat, packets: readonly string[], options: {translate?: boolean; color?: boolean} = {}): string[] {
  const output = new Collected()
  feedThroughPipeline(new StreamView(format, output, options.color ?? false), packets, {translate: options.translate, now: AT})
  return output.text.split('\n').slice(0, -1)
}

const jsonOf = (line: string): unknown => JSON.parse(streamed('json', [line])[0])

describe('json view through a mapping', () => {
  it.each([
    ['mapped: the merged labels and the rule', 'api.GET.200:1|c|#env:prod', {
      kind: 'counter', value: 1, repeat: 1, status: 'mapped', name: 'http_requests_total',
      labels: {env: 'prod', method: 'GET', code: '200'}, mapping: {index: 0, source: 'mapping.yml:2'},
    }],
    ['honor_labels: a tag keeps its value over the rule\'s', 'svc.auth.latency:250|ms|#env:prod', {
      kind: 'observer', value: 0.25, repeat: 1, status: 'mapped', name: 'svc_latency',
      labels: {env: 'prod', service: 'auth'}, mapping: {index: 2, source: 'mapping.yml:10'},
    }],
    ['honor_labels without the tag: the rule\'s value', 'svc.auth.latency:250|ms', {
      kind: 'observer', value: 0.25, repeat: 1, status: 'mapped', name: 'svc_latency',
      labels: {env: 'default', service: 'auth'}, mapping: {index: 2, source: 'mapping.yml:10'},
    }],
    ['unmapped: the escaped name and the tag labels, no rule', 'foo.bar-baz:2|g|#env:prod', {
      kind: 'gauge', value: 2, repeat: 1, status: 'unmapped', name: 'foo_bar_baz', labels: {env: 'prod'}, mapping: null,
    }],
    ['dropped: the tag labels and the rule, no name', 'debug.x:1|c|@0.5|#env:prod', {
      kind: 'counter', value: 2, repeat: 1, status: 'dropped', labels: {env: 'prod'}, mapping: {index: 1, source: 'mapping.yml:7'},
    }],
    ['a name that expands to nothing: statsd_exporter\'s reason', 'blank.:1|c', {
      kind: 'counter', value: 1, repeat: 1, status: 'empty_metric_name', labels: {}, mapping: {index: 3, source: 'mapping.yml:16'},
    }],
    ['a sample statsd_exporter rejects has no series', 'users:bob|s', {error: 'malformed_value'}],
  ])('%s', (_case, line, prometheus) => {
    expect(jsonOf(line)).toHaveProperty('prometheus', prometheus)
  })

  it('writes the keys in a fixed order: the event, then what became of it', () => {
    expect(streamed('json', ['api.GET.200:1|c'])).toEqual([
      '{"lineNo":1,"name":"api.GET.200","type":"c","value":1,"rate":1,"tags":{},"relative":false,' +
      '"prometheus":{"kind":"counter","value":1,"repeat":1,"status":"mapped","name":"http_requests_total","labels":{"method":"GET","code":"200"},"mapping":{"index":0,"source":"mapping.yml:2"}}}',
    ])
  })

  it('keeps a label called __proto__, and escapes what JSON.stringify leaves raw', () => {
    expect(streamed('json', ['api.GET.200:1|c|#__proto__:x'])[0]).toContain('"labels":{"__proto__":"x","method":"GET","code":"200"}')
    expect(streamed('json', ['foo\u007f:1|c'])[0]).toContain('"name":"foo\\u007f"')
  })

  it('prints exactly what it printed before when there is no mapping', () => {
    const packets = ['api.GET.200:1|c|#env:prod\nbad line', 'users:bob|s\ng:NaN|g']
    const lines = streamed('json', packets, {translate: false})
    expect(lines[0]).toBe('{"lineNo":1,"name":"api.GET.200","type":"c","value":1,"rate":1,"tags":{"env":"prod"},"relative":false,"prometheus":{"kind":"counter","value":1,"repeat":1,"labels":{"env":"prod"}}}')
    // What the conformance runner reads.
    expect(lines).toEqual([...formatJsonLines(Buffer.from(packets[0])).json, ...formatJsonLines(Buffer.from(packets[1]), 3).json])
  })
})

describe('pretty view through a mapping', () => {
  it.each([
    ['mapped: the series, labels sorted', 'api.GET.200:1|c|#env:prod', 'COUNT  api.GET.200       1  env:prod  → http_requests_total{code="200",env="prod",method="GET"}'],
    ['honor_labels', 'svc.auth.latency:5|ms|#env:prod', 'TIMER  svc.auth.latency       5  env:prod  → svc_latency{env="prod",service="auth"}'],
    ['unmapped: the escaped fallback name', 'foo.bar-baz:2|g|#env:prod', 'GAUGE  foo.bar-baz       2  env:prod  → unmapped foo_bar_baz{env="prod"}'],
    ['no labels: a bare name', 'foo:2|g', 'GAUGE  foo       2  → unmapped foo'],
    ['dropped: which rule, where', 'debug.x:1|c', 'COUNT  debug.x       1  → dropped (rule 1, mapping.yml:7)'],
    ['empty name: which rule, where', 'blank.:1|c', 'COUNT  blank.       1  → empty_metric_name (rule 3, mapping.yml:16)'],
    ['after the errors statsd_exporter counts for the line', 'debug.x:1|c|@zero', 'COUNT  debug.x       1  [invalid_sample_factor]  → dropped (rule 1, mapping.yml:7)'],
    ['label values quoted as Prometheus quotes them', 'foo:1|c|#k:a"b\\c', 'COUNT  foo       1  k:a"b\\\\c  → unmapped foo{k="a\\"b\\\\c"}'],
    ['nothing for a sample without a series', 'users:bob|s', 'SET    users     bob'],
  ])('%s', (_case, line, shown) => {
    expect(streamed('pretty', [line])).toEqual([`03:04:05.678 ${shown}`])
  })

  it('paints the arrow dim, an unmapped series all dim, an empty name as an error', () => {
    const [mapped, unmapped, empty] = streamed('pretty', ['api.GET.200:1|c', 'foo:1|c', 'blank.:1|c'], {color: true})
    expect(mapped).toContain(`${ESC}[2m→${ESC}[22m http_requests_total{code="200",method="GET"}`)
    expect(unmapped).toContain(`${ESC}[2m→ unmapped foo${ESC}[22m`)
    expect(empty).toContain(`${ESC}[31mempty_metric_name${ESC}[39m`)
  })

  it('never lets an escape sequence in a label reach the terminal', () => {
    const [line] = streamed('pretty', [`api.GET.200:1|c|#k:${ESC}[2J`])
    expect(line).not.toContain(ESC)
    expect(line).toContain('k="\\x1b[2J"')
  })

  it('prints what it printed before when there is no mapping', () => {
    expect(streamed('pretty', ['api.requests:1|c|@0.5|#env:prod\nq:+3|g\nno colon'], {translate: false})).toEqual([
      '03:04:05.678 COUNT  api.requests       1  @0.5  env:prod',
      '03:04:05.678 GAUGE  q                 +3',
      '03:04:05.678 BAD    malformed_line  no colon',
    ])
  })
})

describe('raw view through a mapping', () => {
  it('prints the lines as they came', () => {
    expect(streamed('raw', ['api.GET.200:1|c\ndebug.x:1|c\nbad'])).toEqual(['api.GET.200:1|c', 'debug.x:1|c', 'bad'])
  })
})
