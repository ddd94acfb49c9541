/**
 * The statsd line protocol as statsd_exporter reads it (pkg/line at master ac592b1), for
 * `metrics tail`. Each line becomes samples to show, each with what statsd_exporter would
 * make of it before mapping, or error records carrying statsd_exporter's own reason.
 * No I/O; never throws; linear in the size of its input.
 *
 * A line is `name:value|type[|@rate][|#tags][|c:container][|Ttimestamp]`. The name may
 * carry tags itself, SignalFX `name[k=v,…]rest`, Librato `name#k=v,…` or InfluxDB
 * `name,k=v,…`; one line may hold several values, `name:1|c:2|ms`, or DogStatsD extended
 * aggregation, `name:1:2:3|ms`.
 */
import {isAscii, isUtf8} from 'node:buffer'
import {escapeMetricName} from './escape.js'
import {goParseFloatValue, parseGoFloat} from './gofloat.js'
import type {MetricType, Sample, Tag} from './sample.js'

export type TagFormat = 'dogstatsd' | 'influx' | 'librato' | 'signalfx'

export const TAG_FORMATS: readonly TagFormat[] = ['dogstatsd', 'influx', 'librato', 'signalfx']

/** Which tag syntaxes to recognise. statsd_exporter's CLI turns all four on. */
export type TagFormats = Readonly<Record<TagFormat, boolean>>

/** Exactly the formats named, e.g. from `--tag-formats dogstatsd,influx`; none for an empty list. */
export function tagFormatsFrom(names: Iterable<TagFormat>): TagFormats {
  const on = new Set(names)
  return {dogstatsd: on.has('dogstatsd'), influx: on.has('influx'), librato: on.has('librato'), signalfx: on.has('signalfx')}
}

/**
 * The `reason` label of statsd_exporter_sample_errors_total. The first four fail a whole
 * line; the others fail (or, for invalid_sample_factor on an `@rate`, only mark) one sample.
 */
export const SAMPLE_ERROR_REASONS = [
  'malformed_line',
  'mixed_tagging_styles',
  'not_enough_parts_after_colon',
  'invalid_extended_aggregate_type',
  'malformed_component',
  'malformed_value',
  'invalid_sample_factor',
  'malformed_container_id',
  'illegal_event',
] as const

export type SampleErrorReason = (typeof SAMPLE_ERROR_REASONS)[number]

/** Prometheus label names (escaped tag keys) to values. Has no prototype: any key is safe. */
export type Labels = Readonly<Record<string, string>>

/** The event statsd_exporter derives from a sample, before any mapping applies. */
export interface PrometheusEvent {
  readonly kind: 'counter' | 'gauge' | 'observer'
  /** A counter divided by its sample rate(s); a timer converted from ms to seconds. */
  readonly value: number
  /** How many times an observation is recorded: int(1/rate), which is 0 for a rate above 1. */
  readonly repeat: number
  readonly labels: Labels
}

/** A sample shown by tail that statsd_exporter rejects: a set, or a set member that is not a number. */
export interface PrometheusRejection {
  readonly error: 'illegal_event' | 'malformed_value'
}

/**
 * A sample as sent and as statsd_exporter sees it. Samples of one name share its name
 * string; tags and labels are frozen and shared between records: copy before changing.
 */
export interface SampleRecord {
  readonly kind: 'sample'
  /** 1-based line number in the input: a packet's lines continue from the previous packet's. */
  readonly lineNo: number
  readonly sample: Sample
  /** Errors statsd_exporter counts for this sample although it keeps it: an unparsable `@rate`. */
  readonly errors: readonly SampleErrorReason[]
  readonly prometheus: PrometheusEvent | PrometheusRejection
}

/** A line, or one sample of a line, that statsd_exporter drops. */
export interface ErrorRecord {
  readonly kind: 'error'
  readonly lineNo: number
  readonly error: SampleErrorReason
  /** The whole line, as decoded (invalid UTF-8 shows as U+FFFD). */
  readonly line: string
  /** Errors statsd_exporter counted for the sample before the one that dropped it. */
  readonly errors: readonly SampleErrorReason[]
}

export type ParseRecord = SampleRecord | ErrorRecord

export interface PacketParse {
  /** Records in input order; an empty line has none, every other line at least one. */
  readonly records: ParseRecord[]
  /** Lines in the packet, empty ones included: the next packet starts at firstLineNo + lines. */
  readonly lines: number
}

/** statsd_exporter's self-metrics for the line protocol, counted exactly where it counts them. */
export interface LineStats {
  /** statsd_exporter_lines_total: every `\n`-separated piece, empty ones too. */
  lines: number
  /** statsd_exporter_samples_total */
  samples: number
  /** statsd_exporter_tags_total: samples that reached the event stage with at least one label. */
  tags: number
  /** statsd_exporter_tag_errors_total */
  tagErrors: number
  /** statsd_exporter_sample_errors_total by reason. */
  sampleErrors: Record<SampleErrorReason, number>
}

export function createLineStats(): LineStats {
  const sampleErrors = Object.fromEntries(SAMPLE_ERROR_REASONS.map(reason => [reason, 0]))
  return {lines: 0, samples: 0, tags: 0, tagErrors: 0, sampleErrors: sampleErrors as Record<SampleErrorReason, number>}
}

const NO_ERRORS: readonly SampleErrorReason[] = Object.freeze([])
const NO_TAGS: readonly Tag[] = Object.freeze([])
const NO_LABELS: Labels = Object.freeze(Object.create(null) as Record<string, string>)
/** statsd_exporter master accepts up to 6 `|`-separated parts (v0.30.0: 5). */
const MAX_PARTS = 6
/** Bounds of each piece cache: entries before it starts over, and the longest piece worth keeping. */
const MAX_CACHED_PIECES = 4096
const MAX_CACHED_LENGTH = 512
const REPLACEMENT_CHARACTER = '\uFFFD'
const NEWLINE_BYTE = 0x0a
const HASH = 0x23
const PLUS = 0x2b
const COMMA = 0x2c
const MINUS = 0x2d
const COLON = 0x3a
const EQUALS = 0x3d
const AT = 0x40
const UPPER_T = 0x54
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const LOWER_C = 0x63
const LOWER_D = 0x64
const LOWER_G = 0x67
const LOWER_H = 0x68
const LOWER_M = 0x6d
const LOWER_S = 0x73

// A BOM is data here, as it is to statsd_exporter.
const utf8 = new TextDecoder('utf-8', {ignoreBOM: true})

/** A parsed tag list: the tags as sent, the labels statsd_exporter keeps of them, its tag errors. Immutable. */
interface TagList {
  readonly tags: readonly Tag[]
  readonly labels: Labels
  readonly errors: number
}

/** A line's name part, tags and all: `name`, `name[k=v]rest`, `name#k=v,…`, `name,k=v,…`. Immutable. */
interface ParsedName extends TagList {
  readonly name: string
}

/**
 * What the piece caches hash and compare a piece by: its UTF-16 code units, each ASCII one
 * as its byte and any other as KEY_ESCAPE and its two bytes. The code is prefix-free, so
 * equal bytes are equal text; and the bytes of an ASCII packet are its key bytes, read in
 * place. Hashing and comparing those four at a time through a DataView costs a third of a
 * Map lookup by substring, which V8 has to cut out and hash first: on every line, that was
 * a third of the parser's time.
 */
const KEY_ESCAPE = 0x80
/** Room for the key bytes of the longest cached piece. */
const scratchKey = new DataView(new ArrayBuffer(3 * MAX_CACHED_LENGTH))

/** Writes the key bytes of text[start, end) to scratchKey; returns how many there are. */
function writeKey(text: string, start: number, end: number): number {
  let length = 0
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i)
    if (unit < KEY_ESCAPE) {
      scratchKey.setUint8(length++, unit)
    } else {
      scratchKey.setUint8(length, KEY_ESCAPE)
      scratchKey.setUint16(length + 1, unit)
      length += 3
    }
  }
  return length
}

const FNV_PRIME = 0x01000193

/** FNV-1a over 32-bit words, then MurmurHash3's finaliser so that every bit reaches the slot index. */
function hashKey(bytes: DataView, from: number, length: number): number {
  const wordsEnd = from + length - (length % 4)
  let hash = length
  for (let i = from; i < wordsEnd; i += 4) hash = Math.imul(hash ^ bytes.getInt32(i, true), FNV_PRIME)
  for (let i = wordsEnd; i < from + length; i++) hash = Math.imul(hash ^ bytes.getUint8(i), FNV_PRIME)
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b)
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35)
  return hash ^ (hash >>> 16)
}

/** Whether a[aFrom, aFrom + length) and b[bFrom, bFrom + length) hold the same bytes. */
function sameBytes(a: DataView, aFrom: number, b: DataView, bFrom: number, length: number): boolean {
  const wordsEnd = length - (length % 4)
  for (let i = 0; i < wordsEnd; i += 4) if (a.getInt32(aFrom + i, true) !== b.getInt32(bFrom + i, true)) return false
  for (let i = wordsEnd; i < length; i++) if (a.getUint8(aFrom + i) !== b.getUint8(bFrom + i)) return false
  return true
}

/**
 * Slots of a piece cache's hash table: two per entry, so that probe runs stay short. Four
 * would make the slot array one of V8's large objects, which take a millisecond to allocate.
 */
const CACHE_SLOTS = 2 * MAX_CACHED_PIECES
/**
 * How far a lookup probes from a piece's home slot. Bounds the work per lookup whatever the
 * input, even pieces made to collide: a piece that finds no free slot within it makes the
 * cache start over.
 */
const MAX_PROBES = 32
const INITIAL_KEY_STORE_BYTES = 16 * 1024

interface CachedPiece<T> {
  readonly hash: number
  /** Where the piece's key bytes are in the cache's key store. */
  readonly keyAt: number
  readonly keyLength: number
  readonly parsed: T
}

/**
 * Parsed pieces of lines (name parts, DogStatsD tag lists) by their text. Real traffic
 * repeats a few of them endlessly, and parsing a tag list costs more than the rest of its
 * line. The keys and everything parsed from them are copies, so they keep no packet alive,
 * and all samples of one name share one string. Bounded: it starts over when full.
 */
class PieceCache<T> {
  /** An open-addressing table with linear probing. */
  private slots: (CachedPiece<T> | undefined)[] = emptySlots()
  /** The key bytes of every piece added since the cache last started over, end to end. */
  private keyStore = new DataView(new ArrayBuffer(INITIAL_KEY_STORE_BYTES))
  private keyStoreUsed = 0
  private size = 0
  /**
   * Entries of the table by text, for pieces whose key bytes have to be written out: a Map
   * lookup, which V8 hashes natively, costs less than writing them out in JavaScript.
   */
  private readonly byText = new Map<string, T>()

  constructor(private readonly parse: (text: string) => T) {}

  /**
   * The piece line[start, end). `bytes`, when the caller has them, are the line's key bytes
   * from `at` on: an ASCII packet's own bytes.
   */
  read(line: string, start: number, end: number, bytes: DataView | undefined, at: number): T {
    if (end - start > MAX_CACHED_LENGTH) return this.parse(detach(line.slice(start, end)))
    if (bytes !== undefined) return this.lookUp(line, start, end, bytes, at + start, end - start)
    const text = line.slice(start, end)
    let parsed = this.byText.get(text)
    if (parsed === undefined) {
      parsed = this.lookUp(line, start, end, scratchKey, 0, writeKey(line, start, end))
      if (this.byText.size >= MAX_CACHED_PIECES) this.byText.clear()
      this.byText.set(detach(text), parsed)
    }
    return parsed
  }

  /** The piece line[start, end), whose key bytes are keyBytes[from, from + length). */
  private lookUp(line: string, start: number, end: number, keyBytes: DataView, from: number, length: number): T {
    const hash = hashKey(keyBytes, from, length)
    const home = hash & (CACHE_SLOTS - 1)
    let free = -1
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      const slot = (home + probe) & (CACHE_SLOTS - 1)
      const cached = this.slots[slot]
      if (cached === undefined) {
        free = slot
        break
      }
      if (cached.hash === hash && cached.keyLength === length && sameBytes(this.keyStore, cached.keyAt, keyBytes, from, length)) {
        return cached.parsed
      }
    }
    if (free === -1 || this.size >= MAX_CACHED_PIECES) {
      this.slots = emptySlots()
      this.keyStoreUsed = 0
      this.size = 0
      this.byText.clear()
      free = home
    }
    const keyAt = this.storeKey(keyBytes, from, length)
    const parsed = this.parse(detach(line.slice(start, end)))
    this.slots[free] = {hash, keyAt, keyLength: length, parsed}
    this.size++
    return parsed
  }

  /** Copies key bytes to the key store; returns where they start. */
  private storeKey(bytes: DataView, from: number, length: number): number {
    const keyAt = this.keyStoreUsed
    if (keyAt + length > this.keyStore.byteLength) {
      const grown = new Uint8Array(Math.max(2 * this.keyStore.byteLength, keyAt + length))
      grown.set(new Uint8Array(this.keyStore.buffer, 0, keyAt))
      this.keyStore = new DataView(grown.buffer)
    }
    for (let i = 0; i < length; i++) this.keyStore.setUint8(keyAt + i, bytes.getUint8(from + i))
    this.keyStoreUsed = keyAt + length
    return keyAt
  }
}

function emptySlots<T>(): (CachedPiece<T> | undefined)[] {
  return new Array<undefined>(CACHE_SLOTS).fill(undefined)
}

/** What the `|`-separated parts of one sample say. An extended-aggregation line reads them once for all its values. */
class Components {
  /** Parts, the value included. */
  parts = 0
  /** Undefined for a type statsd_exporter does not know, `C` included. */
  type: MetricType | undefined = undefined
  /** Why statsd_exporter drops the sample once its value parsed, if it does. */
  drop: SampleErrorReason | undefined = undefined
  /** rates[0, rateCount): each `@rate` as statsd_exporter applies it (unparsable and 0 are 1). Reused. */
  readonly rates: number[] = []
  rateCount = 0
  rateErrors = 0
  /** The line's name tags, then DogStatsD tags and container id. Shared until the sample adds to them. */
  tags: readonly Tag[] = NO_TAGS
  labels: Labels = NO_LABELS
  tagErrors = 0
  private ownsTags = false

  reset(name: TagList): void {
    this.parts = 0
    this.type = undefined
    this.drop = undefined
    this.rateCount = 0
    this.rateErrors = 0
    this.tags = name.tags
    this.labels = name.labels
    this.tagErrors = 0
    this.ownsTags = false
  }

  /** The last rate, which decides how often an observation counts; 1 without one. */
  lastRate(): number {
    return this.rateCount === 0 ? 1 : this.rates[this.rateCount - 1]
  }

  addRate(rate: number): void {
    this.rates[this.rateCount++] = rate
  }

  addTags(list: TagList): void {
    this.tagErrors += list.errors
    if (list.tags.length === 0) return
    if (this.tags.length === 0) {
      this.tags = list.tags
      this.labels = list.labels
      return
    }
    const {tags, labels} = this.own()
    tags.push(...list.tags)
    Object.assign(labels, list.labels)
  }

  addTag(key: string, value: string): void {
    const {tags, labels} = this.own()
    tags.push({key, value})
    labels[key] = value
  }

  /** Copies shared tags and labels before the first change. */
  private own(): {tags: Tag[]; labels: Record<string, string>} {
    if (!this.ownsTags) {
      this.tags = [...this.tags]
      this.labels = Object.assign(Object.create(null) as Record<string, string>, this.labels)
      this.ownsTags = true
    }
    return {tags: this.tags as Tag[], labels: this.labels as Record<string, string>}
  }
}

/**
 * Parses packets and lines with a fixed set of tag formats and keeps running LineStats.
 * One parser per input stream: the listener keeps it for its lifetime.
 */
export class StatsdParser {
  readonly stats: LineStats = createLineStats()
  private readonly dogstatsd: boolean
  private readonly names: PieceCache<ParsedName>
  private readonly dogstatsdTagLists = new PieceCache(text => readTagList(text, 0, text.length, COLON, true))
  private readonly dogstatsdTagsAndContainers = new PieceCache(readTagsAndContainer)
  private readonly components = new Components()
  /** The name part of the line being read. */
  private name: ParsedName = {name: '', tags: NO_TAGS, labels: NO_LABELS, errors: 0}
  /** The key bytes of the line being read, in an ASCII packet: its character i is byte bytesAt + i. */
  private bytes: DataView | undefined = undefined
  private bytesAt = 0

  constructor(formats: Partial<TagFormats> = {}) {
    const resolved: TagFormats = {
      dogstatsd: formats.dogstatsd ?? true,
      influx: formats.influx ?? true,
      librato: formats.librato ?? true,
      signalfx: formats.signalfx ?? true,
    }
    this.dogstatsd = resolved.dogstatsd
    this.names = new PieceCache(text => parseName(text, resolved))
  }

  /** One datagram (or any chunk of whole lines), split on `\n` the way statsd_exporter's UDP listener does. */
  parsePacket(packet: Uint8Array, firstLineNo = 1): PacketParse {
    const records: ParseRecord[] = []
    const text = utf8.decode(packet)
    // An ASCII packet's bytes are its text's code units, index for index: the caches' keys, read in place.
    const ascii = isAscii(packet)
    const bytes = ascii ? new DataView(packet.buffer, packet.byteOffset, packet.byteLength) : undefined
    // Decoding replaces invalid UTF-8 with U+FFFD; only then are bytes worth checking, one line at a time.
    // Each `\n` in the text is the same `\n` in the bytes: the decoder never swallows an ASCII byte.
    const suspect = !ascii && text.includes(REPLACEMENT_CHARACTER)
    let lineNo = firstLineNo
    let start = 0
    let byteStart = 0
    for (;;) {
      const newline = text.indexOf('\n', start)
      const line = text.slice(start, newline === -1 ? text.length : newline)
      let valid = true
      if (suspect) {
        const byteEnd = newline === -1 ? packet.length : packet.indexOf(NEWLINE_BYTE, byteStart)
        valid = !line.includes(REPLACEMENT_CHARACTER) || isUtf8(packet.subarray(byteStart, byteEnd))
        byteStart = byteEnd + 1
      }
      this.readLine(line, lineNo++, valid, records, bytes, start)
      if (newline === -1) break
      start = newline + 1
    }
    // Keep no packet alive between calls.
    this.bytes = undefined
    return {records, lines: lineNo - firstLineNo}
  }

  /** One line without its `\n`. The text is taken as valid: its bytes were decoded already. */
  parseLine(line: string, lineNo = 1): ParseRecord[] {
    const records: ParseRecord[] = []
    this.readLine(line, lineNo, true, records, undefined, 0)
    return records
  }

  /** With the line's key bytes from `at` on, if the caller has them. */
  private readLine(line: string, lineNo: number, valid: boolean, out: ParseRecord[], bytes: DataView | undefined, at: number): void {
    this.stats.lines++
    if (line.length === 0) return
    const colon = line.indexOf(':')
    if (colon <= 0 || !valid) return this.reject(out, lineNo, 'malformed_line', line)
    this.bytes = bytes
    this.bytesAt = at
    const name = this.names.read(line, 0, colon, bytes, at)
    this.name = name
    // statsd_exporter counts name tag errors once per line, whatever happens next.
    this.stats.tagErrors += name.errors
    const dogstatsdTagged = line.includes('|#', colon + 1)
    if (dogstatsdTagged && name.labels !== NO_LABELS) return this.reject(out, lineNo, 'mixed_tagging_styles', line)
    const firstBar = line.indexOf('|', colon + 1)
    if (firstBar === -1) return this.reject(out, lineNo, 'not_enough_parts_after_colon', line)
    const nextColon = line.indexOf(':', colon + 1)
    if (nextColon !== -1 && nextColon < firstBar) return this.readAggregate(line, lineNo, colon + 1, firstBar, out)
    if (dogstatsdTagged) {
      // DogStatsD tags turn off multi-value lines: the tags may hold colons.
      this.readComponents(line, firstBar, line.length)
      return this.emit(line, lineNo, colon + 1, firstBar, out)
    }
    this.readValues(line, lineNo, colon + 1, firstBar, nextColon, out)
  }

  /** `name:1|c:2|ms|@0.5`: each `:`-separated piece is a sample of its own. */
  private readValues(line: string, lineNo: number, start: number, firstBar: number, firstColon: number, out: ParseRecord[]): void {
    // The next `|` and `:` at or after `start`, kept across pieces so that finding them stays linear.
    let bar = firstBar
    let colon = firstColon
    for (;;) {
      const end = colon === -1 ? line.length : colon
      if (bar !== -1 && bar < start) bar = line.indexOf('|', start)
      const valueEnd = bar === -1 || bar > end ? end : bar
      this.readComponents(line, valueEnd, end)
      this.emit(line, lineNo, start, valueEnd, out)
      if (colon === -1) return
      start = colon + 1
      colon = line.indexOf(':', start)
    }
  }

  /** DogStatsD extended aggregation, `name:1:2:3|ms|…`: several values share one type, rate and tags. */
  private readAggregate(line: string, lineNo: number, start: number, firstBar: number, out: ParseRecord[]): void {
    const typeEnd = nextBar(line, firstBar + 1, line.length)
    const type = metricType(line, firstBar + 1, typeEnd)
    if (type !== 'ms' && type !== 'h' && type !== 'd') return this.reject(out, lineNo, 'invalid_extended_aggregate_type', line)
    this.readComponents(line, firstBar, line.length)
    for (;;) {
      const colon = line.indexOf(':', start)
      const end = colon === -1 || colon > firstBar ? firstBar : colon
      this.emit(line, lineNo, start, end, out)
      if (end === firstBar) return
      start = colon + 1
    }
  }

  /**
   * Reads the parts of a sample that follow its value, from `start` (the `|` after the
   * value, or `end` when there is none) to `end`, into this.components.
   */
  private readComponents(line: string, start: number, end: number): void {
    const c = this.components
    c.reset(this.name)
    let parts = 1
    let typeEnd = end
    let emptyExtra = false
    for (let bar = start; bar < end;) {
      const next = nextBar(line, bar + 1, end)
      parts++
      if (parts === 2) typeEnd = next
      else if (next === bar + 1) emptyExtra = true
      bar = next
    }
    c.parts = parts
    if (parts < 2 || parts > MAX_PARTS) return
    c.type = metricType(line, start + 1, typeEnd)
    // statsd_exporter rejects an empty part before it looks at any of them.
    if (emptyExtra) {
      c.drop = 'malformed_component'
      return
    }
    for (let bar = typeEnd; bar < end;) {
      let next = nextBar(line, bar + 1, end)
      const afterNext = next < end ? nextBar(line, next + 1, end) : end
      if (this.dogstatsd && line.charCodeAt(bar + 1) === HASH && isContainerId(line, next + 1, afterNext)) {
        // `|#tags|c:id`, what DogStatsD clients with origin detection send on every line:
        // read as one piece, so that the cached result needs no merging.
        c.addTags(this.dogstatsdTagsAndContainers.read(line, bar + 2, afterNext, this.bytes, this.bytesAt))
        next = afterNext
      } else {
        c.drop = this.readExtra(line, bar + 1, next, c)
        if (c.drop !== undefined) return
      }
      bar = next
    }
  }

  /** One of `@rate`, `#tags`, `c:container`, `Ttimestamp`; returns why the sample is dropped, if it is. */
  private readExtra(line: string, start: number, end: number, c: Components): SampleErrorReason | undefined {
    switch (line.charCodeAt(start)) {
      case AT: {
        const rate = parseGoFloat(line, start + 1, end)
        if (rate === undefined) c.rateErrors++
        // Like statsd_exporter, use what ParseFloat returned even with an error: 0 (read as 1) or ±Inf.
        const factor = rate ?? goParseFloatValue(line, start + 1, end)
        c.addRate(factor === 0 ? 1 : factor)
        return undefined
      }
      case HASH:
        if (this.dogstatsd) c.addTags(this.dogstatsdTagLists.read(line, start + 1, end, this.bytes, this.bytesAt))
        return undefined
      case LOWER_C:
        if (!isContainerId(line, start, end)) return 'malformed_container_id'
        c.addTag('container_id', line.slice(start + 2, end))
        return undefined
      case UPPER_T:
        // A DogStatsD 1.3 timestamp: statsd_exporter ignores it, valid or not.
        return undefined
      default:
        return 'invalid_sample_factor'
    }
  }

  /** One sample: its value is line[valueStart, valueEnd), the rest is in this.components. */
  private emit(line: string, lineNo: number, valueStart: number, valueEnd: number, out: ParseRecord[]): void {
    const stats = this.stats
    const c = this.components
    stats.samples++
    if (c.parts < 2 || c.parts > MAX_PARTS) return this.reject(out, lineNo, 'malformed_component', line)
    const value = parseGoFloat(line, valueStart, valueEnd)
    if (value === undefined) {
      // statsd_exporter stops at the value; tail still shows a set, whose members need not be numbers.
      if (c.type === 's' && c.drop === undefined) return this.emitSet(line, lineNo, valueStart, valueEnd, 'malformed_value', NO_ERRORS, out)
      return this.reject(out, lineNo, 'malformed_value', line)
    }
    stats.tagErrors += c.tagErrors
    stats.sampleErrors.invalid_sample_factor += c.rateErrors
    const errors = c.rateErrors === 0 ? NO_ERRORS : Array<SampleErrorReason>(c.rateErrors).fill('invalid_sample_factor')
    if (c.drop !== undefined) return this.reject(out, lineNo, c.drop, line, errors)
    const labels = c.labels
    if (labels !== NO_LABELS) stats.tags++
    const type = c.type
    if (type === undefined) return this.reject(out, lineNo, 'illegal_event', line, errors)
    if (type === 's') return this.emitSet(line, lineNo, valueStart, valueEnd, 'illegal_event', errors, out)
    let sampleRate = c.lastRate()
    let prometheus: PrometheusEvent
    if (type === 'c') {
      // Divide once per rate, as statsd_exporter does: `@0.5|@0.5` counts four times.
      let counted = value
      sampleRate = 1
      for (let i = 0; i < c.rateCount; i++) {
        counted /= c.rates[i]
        sampleRate *= c.rates[i]
      }
      prometheus = {kind: 'counter', value: counted, repeat: 1, labels}
    } else if (type === 'g') {
      prometheus = {kind: 'gauge', value, repeat: 1, labels}
    } else {
      const repeat = c.rateCount === 0 ? 1 : goEventCount(1 / sampleRate)
      prometheus = {kind: 'observer', value: type === 'ms' ? value / 1000 : value, repeat, labels}
    }
    const relative = type === 'g' && isSigned(line.charCodeAt(valueStart))
    const sample: Sample = {name: this.name.name, type, value, sampleRate, tags: c.tags, relative}
    out.push({kind: 'sample', lineNo, sample, errors, prometheus})
  }

  private emitSet(
    line: string,
    lineNo: number,
    valueStart: number,
    valueEnd: number,
    rejection: PrometheusRejection['error'],
    errors: readonly SampleErrorReason[],
    out: ParseRecord[],
  ): void {
    this.stats.sampleErrors[rejection]++
    const c = this.components
    const member = line.slice(valueStart, valueEnd)
    const sample: Sample = {name: this.name.name, type: 's', value: member, sampleRate: c.lastRate(), tags: c.tags, relative: false}
    out.push({kind: 'sample', lineNo, sample, errors, prometheus: {error: rejection}})
  }

  private reject(out: ParseRecord[], lineNo: number, error: SampleErrorReason, line: string, errors = NO_ERRORS): void {
    this.stats.sampleErrors[error]++
    out.push({kind: 'error', lineNo, error, line, errors})
  }
}

/**
 * The name part of a line (everything before its first `:`). SignalFX tags go first and
 * take the first `[` and the first `]`; one bracket alone counts a tag error and leaves the
 * name whole. A `]` before the `[` crashes statsd_exporter (slice bounds out of range);
 * here it is the same case. Otherwise the first `#` (Librato) or `,` (InfluxDB) starts a
 * `k=v,…` list: in `a,b=1#c=2`, b is `1#c=2`.
 */
function parseName(text: string, formats: TagFormats): ParsedName {
  let open = -1
  let close = -1
  let listAt = -1
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === OPEN_BRACKET) {
      if (open === -1) open = i
    } else if (code === CLOSE_BRACKET) {
      if (close === -1) close = i
    } else if (listAt === -1 && ((code === HASH && formats.librato) || (code === COMMA && formats.influx))) {
      listAt = i
    }
  }
  if (formats.signalfx && (open !== -1 || close !== -1)) {
    if (open !== -1 && open < close) return nameWithTags(text.slice(0, open) + text.slice(close + 1), text, open + 1, close)
    return Object.freeze({name: text, tags: NO_TAGS, labels: NO_LABELS, errors: 1})
  }
  if (listAt !== -1) return nameWithTags(text.slice(0, listAt), text, listAt + 1, text.length)
  return Object.freeze({name: text, tags: NO_TAGS, labels: NO_LABELS, errors: 0})
}

function nameWithTags(name: string, text: string, start: number, end: number): ParsedName {
  return Object.freeze({name, ...readTagList(text, start, end, EQUALS, false)})
}

/** `tags|c:id`: a DogStatsD tag list, then the container id, which statsd_exporter labels container_id. */
function readTagsAndContainer(text: string): TagList {
  const bar = text.indexOf('|')
  const {tags, labels, errors} = readTagList(text, 0, bar, COLON, true)
  const containerId = text.slice(bar + 3)
  return Object.freeze({
    tags: Object.freeze([...tags, {key: 'container_id', value: containerId}]),
    labels: Object.freeze(Object.assign(Object.create(null) as Record<string, string>, labels, {container_id: containerId})),
    errors,
  })
}

/**
 * Reads a `,`-separated tag list from line[start, end). Like statsd_exporter, an empty
 * piece counts a tag error except a last one (`a=1,` has one tag and no error).
 */
function readTagList(line: string, start: number, end: number, separator: number, stripHash: boolean): TagList {
  const read: ReadTags = {tags: [], labels: undefined, errors: 0}
  let pieceStart = start
  for (;;) {
    const comma = line.indexOf(',', pieceStart)
    if (comma === -1 || comma >= end) {
      if (pieceStart < end) readTag(line, pieceStart, end, separator, stripHash, read)
      break
    }
    readTag(line, pieceStart, comma, separator, stripHash, read)
    pieceStart = comma + 1
  }
  return Object.freeze({
    tags: read.tags.length === 0 ? NO_TAGS : Object.freeze(read.tags),
    labels: read.labels === undefined ? NO_LABELS : Object.freeze(read.labels),
    errors: read.errors,
  })
}

interface ReadTags {
  readonly tags: Tag[]
  labels: Record<string, string> | undefined
  errors: number
}

/**
 * One `key<separator>value` tag. `tags` keeps what was sent (a bare `#canary` too, and an
 * empty value); statsd_exporter counts an error for a tag without both key and value and
 * keeps the rest as labels, keys escaped, a later duplicate winning.
 */
function readTag(line: string, start: number, end: number, separator: number, stripHash: boolean, read: ReadTags): void {
  if (stripHash && start < end && line.charCodeAt(start) === HASH) start++
  let at = start
  while (at < end && line.charCodeAt(at) !== separator) at++
  if (at === end || at === start || at === end - 1) read.errors++
  if (at === start) return
  const key = line.slice(start, at)
  if (at === end) {
    read.tags.push({key, value: undefined})
    return
  }
  const value = line.slice(at + 1, end)
  read.tags.push({key, value})
  if (value.length === 0) return
  read.labels ??= Object.create(null) as Record<string, string>
  read.labels[escapeMetricName(key)] = value
}

/**
 * A copy of a string that shares no memory with it. V8 makes a substring of 13 or more
 * characters a view that keeps its whole parent alive; a concatenation, once flattened
 * by slice(), is new memory.
 */
export function detach(text: string): string {
  return ` ${text}`.slice(1)
}

/** Whether line[start, end) is `c:` and a container id, the only valid part starting with `c`. */
function isContainerId(line: string, start: number, end: number): boolean {
  return end - start > 2 && line.charCodeAt(start) === LOWER_C && line.charCodeAt(start + 1) === COLON
}

/** The next `|` in line[from, end), or end. */
function nextBar(line: string, from: number, end: number): number {
  const bar = line.indexOf('|', from)
  return bar === -1 || bar > end ? end : bar
}

function metricType(line: string, start: number, end: number): MetricType | undefined {
  const first = line.charCodeAt(start)
  if (end - start === 2) return first === LOWER_M && line.charCodeAt(start + 1) === LOWER_S ? 'ms' : undefined
  if (end - start !== 1) return undefined
  switch (first) {
    case LOWER_C: return 'c'
    case LOWER_G: return 'g'
    case LOWER_H: return 'h'
    case LOWER_D: return 'd'
    case LOWER_S: return 's'
    default: return undefined
  }
}

function isSigned(code: number): boolean {
  return code === PLUS || code === MINUS
}

/**
 * statsd_exporter's `int(1 / rate)` copies of an observation. Go on amd64 turns NaN, ±Inf
 * and anything beyond int64 into MinInt64, and a loop up to a negative count runs 0 times.
 */
function goEventCount(copies: number): number {
  return copies >= 1 && copies < 2 ** 63 ? Math.trunc(copies) : 0
}
