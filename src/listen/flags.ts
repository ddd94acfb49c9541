import {commonFlags} from '../flags/common.js'
import type {FlagSpecs} from '../flags/spec.js'

const listen = 'LISTEN'
const view = 'VIEW'
const filter = 'FILTER'
const tee = 'FORWARD AND CAPTURE'
const prometheus = 'PROMETHEUS'
const stop = 'STOP'

/** `metrics tail` flags, as data (see src/flags/spec.ts); validated by src/listen/options.ts. */
export const tailFlags = {
  ...commonFlags,
  host: {kind: 'string', summary: 'address to listen on (default 127.0.0.1; ::1 or :: for IPv6)', helpValue: 'ADDRESS', helpGroup: listen},
  port: {kind: 'string', char: 'p', summary: 'port to listen on (default 8125; 0 picks a free port)', helpValue: 'PORT', helpGroup: listen},
  tcp: {kind: 'boolean', summary: 'listen on TCP, one line per newline, instead of UDP', helpGroup: listen},
  socket: {kind: 'string', summary: 'listen on a unixgram socket at this path instead of UDP', helpValue: 'PATH', helpGroup: listen},
  input: {kind: 'string', char: 'i', summary: 'read packets from a file, or - for stdin, and stop at its end', helpValue: 'FILE|-', helpGroup: listen},
  rcvbuf: {kind: 'string', summary: 'socket receive buffer, e.g. 8MB (default 8MB; Linux caps it at net.core.rmem_max)', helpValue: 'SIZE', helpGroup: listen},
  'max-line-length': {kind: 'string', summary: 'longest TCP line in bytes; a longer one closes the connection, as in statsd_exporter (default 4095)', helpValue: 'BYTES', helpGroup: listen},
  'max-connections': {kind: 'string', summary: 'most TCP connections open at once; more are reset at once and counted (default 512, fewer if ulimit -n leaves less room)', helpValue: 'N', helpGroup: listen},
  'idle-timeout': {kind: 'string', summary: 'reset a TCP connection that sends nothing for this long, and count it; 0 keeps every one (default 5m)', helpValue: 'DURATION', helpGroup: listen},
  'tag-formats': {kind: 'string', summary: 'tag syntaxes to parse: a comma list of dogstatsd,influx,librato,signalfx, or none (default all)', helpValue: 'LIST', helpGroup: listen},
  format: {kind: 'string', char: 'f', summary: 'how to print: pretty (default), json (one object per line) or raw (lines as received)', options: ['pretty', 'json', 'raw'], helpGroup: view},
  aggregate: {kind: 'boolean', char: 'a', summary: 'print a table per interval with statsd flush semantics instead of every line', helpGroup: view},
  top: {kind: 'boolean', summary: 'show a live table of the busiest series (redrawn in place on a terminal)', helpGroup: view},
  interval: {kind: 'string', summary: 'flush interval for --aggregate (default 10s) or refresh for --top (default 1s)', helpValue: 'DURATION', helpGroup: view},
  percentiles: {kind: 'string', summary: 'timer percentiles for --aggregate (default 90)', helpValue: 'LIST', helpGroup: view},
  quiet: {kind: 'boolean', char: 'q', summary: 'print nothing while running, only the summary at the end (with --expose, a silent local exporter)', helpGroup: view},
  'max-series': {kind: 'string', summary: 'most distinct series --aggregate and --top keep; when full, idle series make room for new ones, and what is evicted or refused is counted (default 100000)', helpValue: 'N', helpGroup: view},
  filter: {kind: 'string', multiple: true, summary: 'only names matching this glob (* any run, ? one character); repeatable, any may match', helpValue: 'GLOB', helpGroup: filter},
  type: {kind: 'string', multiple: true, summary: 'only these types: c,g,ms,h,d,s or counter,gauge,timer,histogram,distribution,set; repeatable', helpValue: 'LIST', helpGroup: filter},
  tag: {kind: 'string', char: 't', multiple: true, summary: 'only samples with this tag (KEY, or KEY:VALUE where VALUE may hold *); repeatable, all must match', helpValue: 'KEY:VALUE', helpGroup: filter},
  mapping: {kind: 'string', char: 'm', summary: 'statsd_exporter mapping config: show the Prometheus series each line becomes; reloads on change and on SIGHUP', helpValue: 'FILE', helpGroup: prometheus},
  expose: {kind: 'string', summary: 'serve /metrics here as statsd_exporter would, through --mapping if given (HOST defaults to 127.0.0.1)', helpValue: '[HOST:]PORT', helpGroup: prometheus},
  by: {kind: 'string', summary: 'group --aggregate and --top by the statsd name (default) or by the Prometheus series the mapping makes', options: ['name', 'series'], helpGroup: prometheus},
  forward: {kind: 'string', multiple: true, summary: 'also send every packet, unchanged, to the statsd at HOST:PORT over UDP; repeatable', helpValue: 'HOST:PORT', helpGroup: tee},
  capture: {kind: 'string', summary: 'record every packet with its time, for metrics send --replay', helpValue: 'FILE', helpGroup: tee},
  count: {kind: 'string', summary: 'stop after this many lines', helpValue: 'N', helpGroup: stop},
  duration: {kind: 'string', summary: 'stop after this long, e.g. 30s or 5m', helpValue: 'DURATION', helpGroup: stop},
} as const satisfies FlagSpecs

export type TailFlags = {
  readonly [K in keyof typeof tailFlags]?: (typeof tailFlags)[K] extends {kind: 'boolean'} ? boolean : (typeof tailFlags)[K] extends {multiple: true} ? readonly string[] : string
}
