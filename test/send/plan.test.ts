import {describe, expect, it} from 'vitest'
import type {StatsdTarget} from '../../src/config/statsd-target.js'
import {UsageError} from '../../src/errors.js'
import {planSend, wireTextFactory, type PlanInput} from '../../src/send/plan.js'

const target: StatsdTarget = {protocol: 'udp', host: '127.0.0.1', port: 8125, prefix: '', tags: [], tagStyle: 'dogstatsd'}
const input = (type: string, name: string, value?: string, extra: Partial<PlanInput> = {}): PlanInput => ({type, name, value, tags: [], sampleRate: 1, source: 'metrics send', ...extra})
const wire = (plan: PlanInput, on: StatsdTarget = target): string => wireTextFactory(planSend(plan), on)()

describe('planSend: every type word, with sensible defaults', () => {
  it.each<[string, string | undefined, string]>([
    ['incr', undefined, 'x:1|c'],
    ['increment', '5', 'x:5|c'],
    ['count', '2.5', 'x:2.5|c'],
    ['decr', undefined, 'x:-1|c'],
    ['decrement', '3', 'x:-3|c'],
    ['gauge', '42', 'x:42|g'],
    ['gauge', '+5', 'x:+5|g'],
    ['gauge', '-5', 'x:-5|g'],
    ['timing', '250', 'x:250|ms'],
    ['timer', '0', 'x:0|ms'],
    ['histogram', '-3', 'x:-3|h'],
    ['distribution', '1e3', 'x:1000|d'],
    ['set', 'alice', 'x:alice|s'],
    ['event', 'text here', '_e{1,9}:x|text here'],
    ['event', undefined, '_e{1,1}:x|x'],
    ['check', undefined, '_sc|x|0'],
    ['check', 'critical', '_sc|x|2'],
    ['check', '3', '_sc|x|3'],
    ['GAUGE', '1', 'x:1|g'],
  ])('%s %s', (type, value, line) => {
    expect(wire(input(type, 'x', value))).toBe(line)
  })

  it.each<[string, string | undefined, RegExp]>([
    ['gauge', 'abc', /gauge x: "abc" is not a number/],
    ['gauge', undefined, /a gauge needs a value/],
    ['timing', '-5', /a timing cannot be negative/],
    ['timing', '-5..10', /a timing cannot be negative/],
    ['incr', '0x10', /"0x10" is not a number/],
    ['incr', '', /"" is not a number/],
    ['set', undefined, /a set needs a member/],
    ['check', 'fine', /status "fine" is not one of ok, warning, critical, unknown/],
    ['bogus', '1', /unknown type "bogus"/],
    ['histogram', '10..5', /range 10..5 runs backwards/],
    ['incr', 'Infinity', /is not a number/],
  ])('%s %s is a usage error', (type, value, message) => {
    expect(() => planSend(input(type, 'x', value))).toThrow(UsageError)
    expect(() => planSend(input(type, 'x', value))).toThrow(message)
  })

  it('an empty name is a usage error', () => {
    expect(() => planSend(input('incr', ''))).toThrow(/metric name is empty/)
  })

  it('ranges draw uniformly: whole numbers when both ends are whole', () => {
    const make = wireTextFactory(planSend(input('timing', 'x', '50..250')), target)
    const values = Array.from({length: 2000}, () => Number(make().split(/[:|]/)[1]))
    expect(Math.min(...values)).toBe(50)
    expect(Math.max(...values)).toBe(250)
    expect(values.every(Number.isInteger)).toBe(true)
    const fractional = wireTextFactory(planSend(input('histogram', 'x', '0.5..1.5')), target)
    const drawn = Array.from({length: 200}, () => Number(fractional().split(/[:|]/)[1]))
    expect(drawn.some(v => !Number.isInteger(v))).toBe(true)
    expect(drawn.every(v => v >= 0.5 && v <= 1.5)).toBe(true)
  })

  it('a drawn negative gauge value still sets the gauge', () => {
    const make = wireTextFactory(planSend(input('gauge', 'x', '-2..-1')), target, () => 0)
    expect(make()).toBe('x:0|g\nx:-2|g')
  })

  it('decr with a range negates the range', () => {
    expect(wireTextFactory(planSend(input('decr', 'x', '1..3')), target, () => 0.99)()).toBe('x:-1|c')
  })

  it('applies prefix, global tags, sample rate and style', () => {
    const flat: StatsdTarget = {...target, prefix: 'app', tags: [{key: 'env', value: 'prod'}], tagStyle: 'flat'}
    expect(wire(input('incr', 'task', undefined, {sampleRate: 0.5, tags: [{key: 'name', value: 'fn'}]}), flat)).toBe('app.task.env_prod.name_fn:1|c|@0.5')
  })

  it('events and checks need the dogstatsd style', () => {
    expect(() => wire(input('event', 'x'), {...target, tagStyle: 'influx'})).toThrow(/events are a DogStatsD extension/)
    expect(wire(input('check', 'x'), {...target, tagStyle: 'none', tags: [{key: 'a', value: '1'}]})).toBe('_sc|x|0')
  })
})
