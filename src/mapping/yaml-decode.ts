/**
 * Decoding YAML nodes into typed values the way gopkg.in/yaml.v2's UnmarshalStrict
 * decodes them into statsd_exporter's structs: YAML 1.1 scalars (`yes` is a bool,
 * `1_000` an int), a scalar's source text for string fields, null as "not set",
 * unknown or repeated fields as errors, `<<` merge keys, and go-yaml's error wording.
 * Every value keeps where it was written.
 */
import type {Node as YamlNode, Scalar, YAMLMap, YAMLSeq} from 'yaml'
import {isAlias, isMap, isScalar, isSeq, visit} from 'yaml'
import type {KeyValueRange, LoadDiagnosticCode, Severity, SourceRange} from './model.js'
import type {SourceText} from './source.js'
import {parseGoDuration} from './duration.js'

/** A value that was written, and where its key and value are. */
export interface Field<T> {
  /** undefined when the value was null (`key:`, `key: ~`), which Go decodes as the zero value. */
  readonly value: T | undefined
  readonly range: KeyValueRange
  /** The value was written but could not be decoded (already reported); checks on it would only repeat that. */
  readonly failed?: boolean
}

/** A decoded struct: the fields that were written, and the struct's own range. */
export interface Struct<F> {
  readonly fields: Readonly<Partial<{[K in keyof F]: Field<F[K]>}>>
  readonly range: SourceRange
  /** An error was reported while decoding it (its fields included): statsd_exporter would refuse it. */
  readonly failed?: boolean
}

/** One entry of a `map[string]string`, such as `labels`. */
export interface MapEntry {
  readonly key: string
  readonly value: string
  readonly range: KeyValueRange
}

/** Decodes a node; undefined means null or invalid (an error was reported). */
export type Decoder<T> = (node: YamlNode, decoding: Decoding) => T | undefined

/** Too many nodes reached through aliases: go-yaml's answer to an alias bomb. */
const MAX_ALIASED_NODES = 200_000
/** Aliases inside aliased nodes (merge chains) deeper than this are a bomb, not a config. */
const MAX_ALIAS_DEPTH = 100
/** go-yaml's anchor names. */
const ANCHOR_NAME = /^[A-Za-z0-9_-]+$/

type Resolved = Scalar | YAMLMap | YAMLSeq

/** Thrown to stop decoding a document that aliases itself into a loop or a bomb. */
class AliasAbort extends Error {}

export class Decoding {
  /** Built on the first alias: most configs have none, and walking every node costs. */
  private anchorTable: Map<string, {offset: number; node: Resolved}[]> | undefined
  private readonly active = new Set<YamlNode>()
  private aliased = 0
  private aliasDepth = 0
  private outermostAlias: SourceRange | undefined
  private errors = 0

  constructor(
    private readonly root: YamlNode,
    private readonly text: SourceText,
    private readonly onReport: (code: LoadDiagnosticCode, severity: Severity, message: string, range: SourceRange) => void,
  ) {}

  private get anchors(): Map<string, {offset: number; node: Resolved}[]> {
    if (this.anchorTable) return this.anchorTable
    const table = new Map<string, {offset: number; node: Resolved}[]>()
    visit(this.root, {
      Node: (_key, node) => {
        if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) {
          const list = table.get(node.anchor) ?? []
          list.push({offset: node.range?.[0] ?? 0, node})
          table.set(node.anchor, list)
        }
      },
    })
    this.anchorTable = table
    return table
  }

  report(code: LoadDiagnosticCode, message: string, range: SourceRange, severity: Severity = 'error'): void {
    if (severity === 'error') this.errors++
    this.onReport(code, severity, message, range)
  }

  get errorCount(): number {
    return this.errors
  }

  /**
   * Where a node was written. Inside an alias (`- *m`, `<<: *base`) that is the alias
   * itself: the anchor's own lines were reported where they stand, and pointing there
   * again would blame the wrong place for what the alias brings in.
   */
  rangeOf(node: YamlNode): SourceRange {
    if (this.aliasDepth > 0 && this.outermostAlias) return this.outermostAlias
    const range = node.range
    return range ? this.text.range(range[0], range[1]) : this.text.range(0)
  }

  /** Runs `decoder` on `node`, following an alias first, guarding against loops and bombs. */
  decode<T>(decoder: Decoder<T>, node: YamlNode): T | undefined {
    if (!isAlias(node)) return decoder(node, this)
    const target = this.resolveAlias(node.source, node.range?.[0] ?? 0, this.rangeOf(node))
    if (target === undefined) return undefined
    if (this.active.has(target)) {
      this.report('yaml-syntax', `yaml: anchor '${node.source}' value contains itself`, this.rangeOf(node))
      throw new AliasAbort()
    }
    this.aliased += isScalar(target) ? 1 : target.items.length + 1
    // Blame the alias written where the expansion started, not the one deep inside it that tipped the count.
    if (this.aliasDepth === 0) this.outermostAlias = this.rangeOf(node)
    if (this.aliased > MAX_ALIASED_NODES || this.aliasDepth >= MAX_ALIAS_DEPTH) {
      this.report('yaml-syntax', 'yaml: document contains excessive aliasing', this.outermostAlias ?? this.rangeOf(node))
      throw new AliasAbort()
    }
    this.active.add(target)
    this.aliasDepth++
    try {
      return decoder(target, this)
    } finally {
      this.aliasDepth--
      this.active.delete(target)
    }
  }

  /** The node an alias names: the last anchor of that name before it. */
  private resolveAlias(name: string, offset: number, range: SourceRange): Resolved | undefined {
    if (!ANCHOR_NAME.test(name)) {
      this.report('yaml-syntax', `yaml: did not find expected alphabetic or numeric character (a value that starts with * is a YAML alias; quote it: "*${name}")`, range)
      return undefined
    }
    const candidates = this.anchors.get(name)?.filter((anchor) => anchor.offset < offset) ?? []
    const found = candidates[candidates.length - 1]
    if (found === undefined) this.report('yaml-syntax', `yaml: unknown anchor '${name}' referenced`, range)
    return found?.node
  }

  /** Decodes a whole document; false when decoding had to stop (alias loop or bomb). */
  run(body: () => void): boolean {
    try {
      body()
      return true
    } catch (error) {
      if (error instanceof AliasAbort) return false
      throw error
    }
  }
}

/** go-yaml's short tag names, for messages. */
type Tag = '!!null' | '!!bool' | '!!int' | '!!float' | '!!str' | '!!map' | '!!seq'

type ScalarValue =
  | {readonly tag: '!!null'}
  | {readonly tag: '!!bool'; readonly value: boolean}
  | {readonly tag: '!!int' | '!!float'; readonly value: number}
  | {readonly tag: '!!str'; readonly value: string}

const BOOLS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((word) => [word, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((word) => [word, false] as const),
])
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL'])
const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map([
  ...['.nan', '.NaN', '.NAN'].map((word) => [word, Number.NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((word) => [word, Number.POSITIVE_INFINITY] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((word) => [word, Number.NEGATIVE_INFINITY] as const),
])
/** strconv.ParseInt(s, 0, 64) after go-yaml strips `_`: decimal, 0x, 0o, 0b and C-style 0 octal. */
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/
const GO_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/

function parseGoInt(text: string): number {
  const negative = text.startsWith('-')
  const digits = text.replace(/^[-+]/, '')
  const body = /^0[0-7]+$/.test(digits) ? `0o${digits.slice(1)}` : digits.toLowerCase()
  const value = Number(BigInt(body))
  return negative ? -value : value
}

function scalarText(node: Scalar): string {
  return typeof node.value === 'string' ? node.value : String(node.value ?? '')
}

/** go-yaml v2's resolve(): what a scalar means before it meets a Go type. */
function resolveScalar(node: Scalar): ScalarValue {
  const text = scalarText(node)
  const explicitString = node.tag === '!!str' || node.tag === 'tag:yaml.org,2002:str'
  if (explicitString || (node.type !== 'PLAIN' && node.type !== undefined && node.tag === undefined)) return {tag: '!!str', value: text}
  if (NULLS.has(text)) return {tag: '!!null'}
  const bool = BOOLS.get(text)
  if (bool !== undefined) return {tag: '!!bool', value: bool}
  const special = SPECIAL_FLOATS.get(text)
  if (special !== undefined) return {tag: '!!float', value: special}
  if (/^[-+.0-9]/.test(text)) {
    const plain = text.replaceAll('_', '')
    if (GO_INT.test(plain)) return {tag: '!!int', value: parseGoInt(plain)}
    if (GO_FLOAT.test(plain)) return {tag: '!!float', value: Number(plain)}
  }
  return {tag: '!!str', value: text}
}

function nodeTag(node: YamlNode): Tag {
  if (isMap(node)) return '!!map'
  if (isSeq(node)) return '!!seq'
  return isScalar(node) ? resolveScalar(node).tag : '!!str'
}

function isNull(node: YamlNode): boolean {
  return isScalar(node) && resolveScalar(node).tag === '!!null'
}

/** go-yaml's "cannot unmarshal !!str `abc` into float64", with its truncation of long values. */
function typeError(node: YamlNode, goType: string, decoding: Decoding): undefined {
  let shown = ''
  if (isScalar(node)) {
    const text = scalarText(node)
    shown = text.length > 10 ? ` \`${text.slice(0, 7)}...\`` : ` \`${text}\``
  }
  decoding.report('invalid-type', `cannot unmarshal ${nodeTag(node)}${shown} into ${goType}`, decoding.rangeOf(node))
  return undefined
}

export const string: Decoder<string> = (node, decoding) => {
  if (!isScalar(node)) return typeError(node, 'string', decoding)
  return isNull(node) ? undefined : scalarText(node)
}

export const bool: Decoder<boolean> = (node, decoding) => {
  const value = isScalar(node) ? resolveScalar(node) : undefined
  if (value?.tag === '!!null') return undefined
  return value?.tag === '!!bool' ? value.value : typeError(node, 'bool', decoding)
}

export const float64: Decoder<number> = (node, decoding) => {
  const value = isScalar(node) ? resolveScalar(node) : undefined
  if (value?.tag === '!!null') return undefined
  return value?.tag === '!!int' || value?.tag === '!!float' ? value.value : typeError(node, 'float64', decoding)
}

export const uint32: Decoder<number> = (node, decoding) => {
  const value = isScalar(node) ? resolveScalar(node) : undefined
  if (value?.tag === '!!null') return undefined
  // go-yaml truncates a float into an unsigned field when it fits.
  if ((value?.tag === '!!int' || value?.tag === '!!float') && value.value >= 0 && value.value < 2 ** 32) return Math.trunc(value.value)
  return typeError(node, 'uint32', decoding)
}

/** A time.Duration, in seconds. A bare number is a count of nanoseconds, as in go-yaml. */
export const duration: Decoder<number> = (node, decoding) => {
  const value = isScalar(node) ? resolveScalar(node) : undefined
  if (value?.tag === '!!null') return undefined
  if (value?.tag === '!!int' || value?.tag === '!!float') {
    const nanoseconds = Math.trunc(value.value)
    if (nanoseconds !== 0) {
      decoding.report('invalid-duration',
        `${scalarText(node as Scalar)} has no unit, so statsd_exporter reads it as ${nanoseconds} nanoseconds; write a unit, e.g. ${scalarText(node as Scalar)}s`,
        decoding.rangeOf(node), 'warning')
    }
    return nanoseconds / 1e9
  }
  if (value?.tag === '!!str') {
    const parsed = parseGoDuration(value.value)
    if (parsed.ok) return parsed.seconds
    decoding.report('invalid-duration', `cannot unmarshal !!str \`${value.value}\` into time.Duration (${parsed.message})`, decoding.rangeOf(node))
    return undefined
  }
  return typeError(node, 'time.Duration', decoding)
}

/** A string-valued enum with its own UnmarshalYAML: the text, checked by `check` (which reports). */
export function stringEnum<T>(check: (text: string, range: SourceRange, decoding: Decoding) => T | undefined): Decoder<T> {
  return (node, decoding) => {
    const text = string(node, decoding)
    return text === undefined ? undefined : check(text, decoding.rangeOf(node), decoding)
  }
}

/** A Go slice; a null element is Go's zero value `zero` (structs decode null as an empty struct themselves). */
export function list<T>(item: Decoder<T>, goType: string, zero?: T): Decoder<T[]> {
  return (node, decoding) => {
    if (isNull(node)) return undefined
    if (!isSeq(node)) return typeError(node, goType, decoding)
    const out: T[] = []
    for (const element of node.items as YamlNode[]) {
      const value = decoding.decode(item, element) ?? (isNull(element) ? zero : undefined)
      if (value !== undefined) out.push(value)
    }
    return out
  }
}

/** A pair's key and value as a KeyValueRange. */
function pairRange(key: YamlNode, value: YamlNode | null, decoding: Decoding): KeyValueRange {
  const keyRange = decoding.rangeOf(key)
  const valueRange = value ? decoding.rangeOf(value) : {...keyRange, line: keyRange.endLine, column: keyRange.endColumn}
  return {key: keyRange, value: valueRange}
}

function isMergeKey(key: YamlNode): boolean {
  return isScalar(key) && key.type === 'PLAIN' && key.value === '<<'
}

type PairVisitor = (key: YamlNode, value: YamlNode | null) => void

/**
 * Walks a mapping's pairs, expanding `<<` merges in place the way go-yaml does: the merged
 * map is decoded into the same target at that point, so later keys overwrite earlier ones.
 * `onMerge` starts a fresh duplicate check for each merged map.
 */
function eachPair(node: YAMLMap, decoding: Decoding, visitor: PairVisitor, onMerge: (merged: YAMLMap) => void): void {
  for (const pair of node.items) {
    const key = pair.key as YamlNode | null
    const value = pair.value as YamlNode | null
    if (key !== null && isMergeKey(key)) {
      const sources = value !== null && isSeq(value) ? [...value.items].reverse() as YamlNode[] : [value]
      for (const source of sources) {
        // Merged inside decode() so that a map merging itself through an alias is caught.
        const merged = source === null ? undefined : decoding.decode((n) => (isMap(n) ? (onMerge(n), true) : undefined), source)
        if (merged === undefined) {
          decoding.report('invalid-type', 'map merge requires map or sequence of maps as the value', decoding.rangeOf(source ?? key))
        }
      }
      continue
    }
    if (key !== null) visitor(key, value)
  }
}

type Decoders<F> = {readonly [K in keyof F]: Decoder<F[K]>}

/** A Go struct decoded strictly: unknown and repeated fields are errors. */
export function struct<F>(goType: string, decoders: Decoders<F>): Decoder<Struct<F>> {
  const decodeInto = (node: YAMLMap, decoding: Decoding, fields: Partial<{[K in keyof F]: Field<F[K]>}>): void => {
    const seen = new Set<string>()
    eachPair(node, decoding, (key, value) => {
      const name = isScalar(key) ? scalarText(key) : ''
      const range = pairRange(key, value, decoding)
      if (!Object.hasOwn(decoders, name)) {
        decoding.report('unknown-key', `field ${name} not found in type ${goType}`, range.key)
        return
      }
      if (seen.has(name)) {
        decoding.report('duplicate-key', `field ${name} already set in type ${goType}`, range.key)
        return
      }
      seen.add(name)
      const field = name as keyof F
      const errorsBefore = decoding.errorCount
      const decoded = value === null || isNull(value) ? undefined : decoding.decode(decoders[field], value)
      fields[field] = {value: decoded, range, failed: decoding.errorCount > errorsBefore}
    }, (merged) => decodeInto(merged, decoding, fields))
  }
  return (node, decoding) => {
    // Only a list element or a whole document reaches here as null: Go's zero struct.
    const fields: Partial<{[K in keyof F]: Field<F[K]>}> = {}
    if (isNull(node)) return {fields, range: decoding.rangeOf(node)}
    if (!isMap(node)) return typeError(node, goType, decoding)
    const errorsBefore = decoding.errorCount
    decodeInto(node, decoding, fields)
    return {fields, range: decoding.rangeOf(node), failed: decoding.errorCount > errorsBefore}
  }
}

/** A Go map[string]string such as prometheus.Labels; a key seen twice is an error, merges included. */
export function stringMap(goType: string): Decoder<MapEntry[]> {
  const decodeInto = (node: YAMLMap, decoding: Decoding, entries: MapEntry[]): void => {
    eachPair(node, decoding, (key, value) => {
      const range = pairRange(key, value, decoding)
      const name = string(key, decoding)
      if (name === undefined && !isNull(key)) return
      const keyText = name ?? ''
      if (entries.some((entry) => entry.key === keyText)) {
        decoding.report('duplicate-key', `key ${JSON.stringify(keyText)} already set in map`, range.key)
        return
      }
      const text = value === null ? undefined : decoding.decode(string, value)
      entries.push({key: keyText, value: text ?? '', range})
    }, (merged) => decodeInto(merged, decoding, entries))
  }
  return (node, decoding) => {
    if (isNull(node)) return undefined
    if (!isMap(node)) return typeError(node, goType, decoding)
    const entries: MapEntry[] = []
    decodeInto(node, decoding, entries)
    return entries
  }
}
