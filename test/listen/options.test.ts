import {describe, expect, it} from 'vitest'
import type {TailFlags} from '../../src/listen/flags.js'
import {describeListen, parseByteSize, parseHostPort, parseTagFormats, parseTailOptions} from '../../src/listen/options.js'

describe('parseTailOptions', () => {
  it('listens on UDP 127.0.0.1:8125 and prints every line by default', () => {
    expect(parseTailOptions({})).toMatchObject({
      listen: {kind: 'udp', host: '127.0.0.1', port: 8125, rcvbuf: 8 << 20},
      view: {kind: 'stream', format: 'pretty'},
      filter: {names: [], types: [], tags: []},
      tagFormats: {dogstatsd: true, influx: true, librato: true, signalfx: true},
      forward: [],
      maxSeries: 100_000,
    })
  })

  it.each<[string, TailFlags, object]>([
    ['TCP with statsd_exporter\'s line limit and our bounds', {tcp: true, port: '9125'}, {listen: {kind: 'tcp', host: '127.0.0.1', port: 9125, maxLineLength: 4095, maxConnections: 512, idleTimeoutMs: 300_000}}],
    ['TCP bounds as asked', {tcp: true, 'max-connections': '3', 'idle-timeout': '500ms'}, {listen: {kind: 'tcp', maxConnections: 3, idleTimeoutMs: 500}}],
    ['TCP with no idle timeout', {tcp: true, 'idle-timeout': '0'}, {listen: {kind: 'tcp', idleTimeoutMs: 0}}],
    ['TCP with no idle timeout, with a unit', {tcp: true, 'idle-timeout': '0s'}, {listen: {kind: 'tcp', idleTimeoutMs: 0}}],
    ['IPv6 and a free port', {host: '::1', port: '0'}, {listen: {kind: 'udp', host: '::1', port: 0}}],
    ['a unixgram socket', {socket: '/tmp/dsd.sock'}, {listen: {kind: 'unixgram', path: '/tmp/dsd.sock'}}],
    ['stdin', {input: '-'}, {listen: {kind: 'input', path: '-'}}],
    ['aggregate defaults', {aggregate: true}, {view: {kind: 'aggregate', format: 'pretty', intervalMs: 10_000, percentiles: [90]}}],
    ['aggregate as JSON', {aggregate: true, format: 'json', interval: '1s', percentiles: '50,99.9'}, {view: {kind: 'aggregate', format: 'json', intervalMs: 1000, percentiles: [50, 99.9]}}],
    ['top', {top: true}, {view: {kind: 'top', intervalMs: 1000}}],
    ['types in words and letters', {type: ['timer,c', 'SET']}, {filter: {types: ['ms', 'c', 's']}}],
    ['tag filters', {tag: ['env:prod', 'canary', 'ver:2.*']}, {filter: {tags: [{key: 'env', value: 'prod'}, {key: 'canary'}, {key: 'ver', value: '2.*'}]}}],
    ['forward targets', {forward: ['127.0.0.1:9125', '[::1]:9126']}, {forward: [{host: '127.0.0.1', port: 9125}, {host: '::1', port: 9126}]}],
    ['stop conditions', {count: '10', duration: '30s', 'max-series': '5'}, {count: 10, durationMs: 30_000, maxSeries: 5}],
    ['quiet', {quiet: true}, {view: {kind: 'none'}}],
    ['a mapping', {mapping: 'statsd.yml'}, {mapping: 'statsd.yml'}],
    ['expose on a port: loopback only', {expose: '9102'}, {expose: {host: '127.0.0.1', port: 9102}}],
    ['expose on :port', {expose: ':9102'}, {expose: {host: '127.0.0.1', port: 9102}}],
    ['expose on every address', {expose: '0.0.0.0:9102'}, {expose: {host: '0.0.0.0', port: 9102}}],
    ['expose on IPv6 and a free port', {expose: '[::1]:0'}, {expose: {host: '::1', port: 0}}],
    ['aggregate by series', {aggregate: true, by: 'series'}, {view: {kind: 'aggregate', groupBy: 'series'}}],
    ['top by name', {top: true, by: 'name'}, {view: {kind: 'top', groupBy: 'name'}}],
  ])('%s', (_, flags, expected) => {
    expect(parseTailOptions(flags)).toMatchObject(expected)
  })

  it.each<[TailFlags, RegExp]>([
    [{tcp: true, socket: '/x'}, /--tcp and --socket cannot be used together/],
    [{input: 'f', port: '1'}, /--port does not apply to --input/],
    [{socket: ''}, /--socket needs a path/],
    [{port: '70000'}, /--port: port must be a whole number/],
    [{tcp: true, rcvbuf: '1MB'}, /--rcvbuf applies to UDP only/],
    [{'max-line-length': '10'}, /--max-line-length applies to --tcp only/],
    [{'max-connections': '10'}, /--max-connections applies to --tcp only/],
    [{socket: '/x', 'idle-timeout': '1m'}, /--idle-timeout applies to --tcp only/],
    [{tcp: true, 'max-connections': '0'}, /--max-connections: expected a whole number of at least 1/],
    [{tcp: true, 'idle-timeout': 'never'}, /--idle-timeout: expected a duration/],
    [{rcvbuf: 'lots'}, /--rcvbuf: expected a size/],
    [{aggregate: true, top: true}, /cannot be used together/],
    [{aggregate: true, format: 'raw'}, /not raw lines/],
    [{top: true, format: 'json'}, /--format does not apply/],
    [{interval: '1s'}, /--interval applies to --aggregate and --top only/],
    [{percentiles: '90'}, /--percentiles applies to --aggregate only/],
    [{aggregate: true, percentiles: '0'}, /not a percentile in \(0, 100\]/],
    [{aggregate: true, percentiles: '101'}, /not a percentile/],
    [{type: ['counter,bogus']}, /--type: unknown type "bogus"/],
    [{tag: [':v']}, /--tag: ":v" has an empty key/],
    [{forward: ['localhost']}, /--forward: "localhost" is not HOST:PORT/],
    [{count: '0'}, /--count: expected a whole number of at least 1/],
    [{duration: 'soon'}, /--duration: expected a duration/],
    [{quiet: true, format: 'json'}, /--quiet prints nothing; --format does not apply/],
    [{quiet: true, top: true}, /--quiet prints nothing; --top does not apply/],
    [{by: 'series'}, /--by applies to --aggregate and --top only/],
    [{mapping: ''}, /--mapping needs a path/],
    [{mapping: '-'}, /--mapping cannot read stdin/],
    [{expose: 'localhost'}, /--expose: "localhost" is not \[HOST:\]PORT/],
    [{expose: '70000'}, /--expose: port must be a whole number/],
    [{expose: '1.2.3.4:'}, /--expose: "1.2.3.4:" is not/],
  ])('rejects %j', (flags, message) => {
    expect(() => parseTailOptions(flags)).toThrow(message)
  })
})

describe('option values', () => {
  it.each([
    [undefined, {dogstatsd: true, influx: true, librato: true, signalfx: true}],
    ['none', {dogstatsd: false, influx: false, librato: false, signalfx: false}],
    ['dogstatsd, INFLUX', {dogstatsd: true, influx: true, librato: false, signalfx: false}],
  ])('--tag-formats %j', (text, formats) => {
    expect(parseTagFormats(text)).toEqual(formats)
  })

  it('rejects an unknown tag format', () => {
    expect(() => parseTagFormats('dogstatsd,graphite')).toThrow(/unknown format "graphite"/)
  })

  it.each([
    ['1048576', 1 << 20],
    ['512k', 512 << 10],
    ['8MB', 8 << 20],
    ['1.5 MiB', 1.5 * (1 << 20)],
    ['1g', 1 << 30],
  ])('size %j is %d bytes', (text, bytes) => {
    expect(parseByteSize(text, '--rcvbuf')).toBe(bytes)
  })

  it.each([['host:1', {host: 'host', port: 1}], ['[fe80::1]:8125', {host: 'fe80::1', port: 8125}]])('HOST:PORT %j', (text, expected) => {
    expect(parseHostPort(text, '--forward')).toEqual(expected)
  })

  it.each([
    [{kind: 'udp', host: '::1', port: 8125, rcvbuf: 1} as const, 0, 'udp://[::1]:0'],
    [{kind: 'tcp', host: '127.0.0.1', port: 0, maxLineLength: 1, maxConnections: 1, idleTimeoutMs: 0} as const, 4321, 'tcp://127.0.0.1:4321'],
    [{kind: 'unixgram', path: '/run/dsd.sock'} as const, undefined, 'unixgram:///run/dsd.sock'],
    [{kind: 'input', path: '-'} as const, undefined, 'stdin'],
  ])('describes %j', (listen, port, text) => {
    expect(describeListen(listen, port)).toBe(text)
  })
})
