import type {StatsdTarget} from '../config/statsd-target.js'
import {UsageError} from '../errors.js'
import {prefixName} from '../statsd/names.js'
import type {MetricType, Tag} from '../statsd/sample.js'
import {formatNumber, nameWithTags, sampleSuffix, serializeEvent, serializeServiceCheck, serializeSample, type ServiceCheck, type StatsdEvent} from '../statsd/serialize.js'
import {checkTagsFitStyle, mergeTags} from '../statsd/tags.js'
import {drawValue, lowestValue, parseNumber, parseValueSource, type ValueSource} from './value.js'

/** What one `metrics send` asks for, validated; it can be sent once or many times over. */
export type SendPlan = MetricPlan | EventPlan | CheckPlan

export interface MetricPlan {
  readonly kind: 'metric'
  readonly type: MetricType
  readonly name: string
  /** Set members are strings; every other type has a number or a range. */
  readonly value: ValueSource | string
  readonly relative: boolean
  readonly sampleRate: number
  readonly tags: readonly Tag[]
}

export interface EventPlan {
  readonly kind: 'event'
  readonly event: StatsdEvent
}

export interface CheckPlan {
  readonly kind: 'check'
  readonly check: ServiceCheck
}

type Kind = MetricType | 'event' | 'check'

/** Every type word `metrics send` takes, with its aliases; decr is a counter with the sign turned. */
export const SEND_TYPES: Readonly<Record<string, {readonly kind: Kind; readonly negate?: true}>> = {
  incr: {kind: 'c'}, increment: {kind: 'c'}, count: {kind: 'c'}, c: {kind: 'c'},
  decr: {kind: 'c', negate: true}, decrement: {kind: 'c', negate: true},
  gauge: {kind: 'g'}, g: {kind: 'g'},
  timing: {kind: 'ms'}, timer: {kind: 'ms'}, ms: {kind: 'ms'},
  histogram: {kind: 'h'}, h: {kind: 'h'},
  distribution: {kind: 'd'}, d: {kind: 'd'},
  set: {kind: 's'}, s: {kind: 's'},
  event: {kind: 'event'}, e: {kind: 'event'},
  check: {kind: 'check'}, sc: {kind: 'check'},
}

export interface PlanInput {
  readonly type: string
  readonly name: string
  readonly value?: string
  readonly tags: readonly Tag[]
  readonly sampleRate: number
  readonly event?: Omit<StatsdEvent, 'title' | 'text' | 'tags'>
  readonly check?: Omit<ServiceCheck, 'name' | 'status' | 'tags'>
  /** Where the input came from, for messages: `metrics send`, `stdin:12`. */
  readonly source: string
}

const CHECK_STATUS: Readonly<Record<string, 0 | 1 | 2 | 3>> = {ok: 0, warning: 1, warn: 1, critical: 2, crit: 2, unknown: 3, 0: 0, 1: 1, 2: 2, 3: 3}

export function planSend(input: PlanInput): SendPlan {
  const known = SEND_TYPES[input.type.toLowerCase()]
  if (!known) {
    throw new UsageError(`${input.source}: unknown type ${JSON.stringify(input.type)}`, `use one of ${Object.keys(SEND_TYPES).filter(t => t.length > 2).join(', ')}`)
  }
  if (input.name === '') throw new UsageError(`${input.source}: the metric name is empty`)
  const what = `${input.source}: ${input.type} ${input.name}`
  switch (known.kind) {
    case 'event':
      return {kind: 'event', event: {...input.event, title: input.name, text: input.value ?? input.name, tags: input.tags}}
    case 'check': {
      const status = CHECK_STATUS[(input.value ?? 'ok').toLowerCase()]
      if (status === undefined) throw new UsageError(`${what}: status ${JSON.stringify(input.value)} is not one of ok, warning, critical, unknown (or 0-3)`)
      return {kind: 'check', check: {...input.check, name: input.name, status, tags: input.tags}}
    }
    case 's':
      if (input.value === undefined || input.value === '') throw new UsageError(`${what}: a set needs a member value`, 'e.g. metrics send set users.unique alice')
      return metric(input, 's', input.value, false)
    case 'c':
      return metric(input, 'c', negated(parseValueSource(input.value ?? '1', what), known.negate === true), false)
    case 'g': {
      if (input.value === undefined) throw new UsageError(`${what}: a gauge needs a value`, 'e.g. metrics send gauge queue.depth 42, or +5 / -5 for a delta')
      const relative = /^[+-]/.test(input.value) && !input.value.includes('..')
      return metric(input, 'g', relative ? {kind: 'fixed', value: parseNumber(input.value, what)} : parseValueSource(input.value, what), relative)
    }
    case 'ms':
    case 'h':
    case 'd': {
      if (input.value === undefined) throw new UsageError(`${what}: a ${input.type} needs a value`, `e.g. metrics send ${input.type} ${input.name} 250`)
      const value = parseValueSource(input.value, what)
      if (known.kind === 'ms' && lowestValue(value) < 0) throw new UsageError(`${what}: a timing cannot be negative`)
      return metric(input, known.kind, value, false)
    }
  }
}

function metric(input: PlanInput, type: MetricType, value: ValueSource | string, relative: boolean): MetricPlan {
  return {kind: 'metric', type, name: input.name, value, relative, sampleRate: input.sampleRate, tags: input.tags}
}

function negated(source: ValueSource, negate: boolean): ValueSource {
  if (!negate) return source
  return source.kind === 'fixed' ? {kind: 'fixed', value: -source.value} : {...source, low: -source.high, high: -source.low}
}

/**
 * A function that returns the wire text for one send of the plan. Everything but a
 * drawn value is serialised once, so load mode costs a number format per line.
 */
export function wireTextFactory(plan: SendPlan, target: StatsdTarget, random: () => number = Math.random): () => string {
  if (plan.kind !== 'metric') {
    if (target.tagStyle !== 'dogstatsd' && target.tagStyle !== 'none') {
      throw new UsageError(`${plan.kind === 'event' ? 'events' : 'service checks'} are a DogStatsD extension; the ${target.tagStyle} tag style cannot send them`, 'use --tag-style dogstatsd')
    }
    const tags = target.tagStyle === 'none' ? [] : mergeTags(target.tags, plan.kind === 'event' ? plan.event.tags : plan.check.tags)
    const text = plan.kind === 'event' ? serializeEvent({...plan.event, tags}, target.prefix) : serializeServiceCheck({...plan.check, tags}, target.prefix)
    return () => text
  }
  const tags = mergeTags(target.tags, plan.tags)
  checkTagsFitStyle(tags, target.tagStyle, plan.name)
  const sample = {name: plan.name, type: plan.type, sampleRate: plan.sampleRate, tags, relative: plan.relative}
  const value = plan.value
  if (typeof value === 'string' || value.kind === 'fixed') {
    const text = serializeSample({...sample, value: typeof value === 'string' ? value : value.value}, target.tagStyle, target.prefix)
    return () => text
  }
  // A drawn gauge may be negative, which takes two lines (see serializeSample).
  if (plan.type === 'g') return () => serializeSample({...sample, value: drawValue(value, random)}, target.tagStyle, target.prefix)
  const head = nameWithTags(prefixName(target.prefix, plan.name), tags, target.tagStyle) + ':'
  const tail = sampleSuffix(sample, target.tagStyle)
  return () => head + formatNumber(drawValue(value, random)) + tail
}
