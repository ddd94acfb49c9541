import {commonFlags} from '../flags/common.js'
import type {FlagSpecs} from '../flags/spec.js'
import {statsdTargetFlags} from '../flags/statsd-target.js'

const load = 'LOAD'
const extension = 'EVENT AND CHECK'
const replay = 'REPLAY'

export const sendFlags = {
  ...commonFlags,
  ...statsdTargetFlags,
  'sample-rate': {kind: 'string', char: 'r', summary: 'sample rate in (0, 1], sent as |@rate; in load mode lines are sampled as a client would'},
  'dry-run': {kind: 'boolean', char: 'n', summary: 'print the exact wire lines and send nothing'},
  quiet: {kind: 'boolean', char: 'q', summary: 'print nothing on success'},
  count: {kind: 'string', summary: 'send the metric N times', helpGroup: load, helpValue: 'N'},
  rate: {kind: 'string', summary: 'lines per second, e.g. 500 or 500/s (default: as fast as possible)', helpGroup: load, helpValue: 'N/s'},
  duration: {kind: 'string', summary: 'keep sending for this long, e.g. 30s or 5m', helpGroup: load},
  hostname: {kind: 'string', summary: 'host name attached to an event or service check', helpGroup: extension},
  message: {kind: 'string', summary: 'service check message', helpGroup: extension},
  priority: {kind: 'string', summary: 'event priority', options: ['normal', 'low'], helpGroup: extension},
  'alert-type': {kind: 'string', summary: 'event alert type', options: ['info', 'warning', 'error', 'success'], helpGroup: extension},
  'aggregation-key': {kind: 'string', summary: 'event aggregation key', helpGroup: extension},
  'source-type': {kind: 'string', summary: 'event source type name', helpGroup: extension},
  timestamp: {kind: 'string', summary: 'event or check time, in Unix seconds (default: when received)', helpGroup: extension},
  replay: {kind: 'string', summary: 'send the packets of a metrics tail --capture file again, at their original pace', helpValue: 'FILE', helpGroup: replay},
  speed: {kind: 'string', summary: 'replay this many times faster, e.g. 2x or 0.5x, or max (default 1x)', helpGroup: replay},
} as const satisfies FlagSpecs

export type SendFlags = {
  readonly [K in keyof typeof sendFlags]?: (typeof sendFlags)[K] extends {kind: 'boolean'} ? boolean : (typeof sendFlags)[K] extends {multiple: true} ? readonly string[] : string
}

/** The positional arguments: `<type> <name> [value]`, or `-` alone for lines from stdin. */
export interface SendArgs {
  readonly type?: string
  readonly name?: string
  readonly value?: string
}
