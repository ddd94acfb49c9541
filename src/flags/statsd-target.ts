import {STATSD_PROTOCOLS} from '../config/statsd-target.js'
import {TAG_STYLES} from '../statsd/tags.js'
import type {FlagSpecs} from './spec.js'

const group = 'STATSD TARGET'

/** The statsd target flags every emitting command takes (send, queues, tables, datamaps). */
export const statsdTargetFlags = {
  host: {kind: 'string', summary: 'statsd host [env: STATSD_HOST, default 127.0.0.1]', helpGroup: group},
  port: {kind: 'string', char: 'p', summary: 'statsd port [env: STATSD_PORT, default 8125]', helpGroup: group},
  protocol: {kind: 'string', summary: 'transport [env: STATSD_PROTOCOL, default udp]', options: STATSD_PROTOCOLS, helpGroup: group},
  socket: {kind: 'string', summary: 'unixgram socket path, for --protocol uds', helpGroup: group},
  prefix: {kind: 'string', summary: 'prefix for every name, joined with "." [env: STATSD_PREFIX]', helpGroup: group},
  tag: {kind: 'string', char: 't', multiple: true, helpValue: 'KEY:VALUE', summary: 'tag for every metric (repeatable)', helpGroup: group},
  'tag-style': {kind: 'string', summary: 'how tags are written [env: STATSD_TAG_STYLE, default dogstatsd]', options: TAG_STYLES, helpGroup: group},
} as const satisfies FlagSpecs
