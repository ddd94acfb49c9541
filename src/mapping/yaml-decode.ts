/**
 * Decoding YAML nodes into typed values the way gopkg.in/yaml.v2's UnmarshalStrict
 * decodes them into statsd_exporter's structs: YAML 1.1 scalars (`yes` is a bool,
 * `1_000` an int), a scalar's source text for string fields, null as "not set",
 * unknown or repeated fields as errors, `<<` merge keys, and go-yaml's error wording.
 * Every value keeps where it was written.
 */
import type {KeyValueRange, LoadDiagnosticCode, Severity, SourceRange} from './model.js'
import type {SourceText} from './source.js'
import {parseGoDuration} from './duration.js'

export type NodeKind = 'scalar' | 'map' | 'seq' | 'alias'
/** How a scalar was written: the yaml package's Scalar.type. */
export type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED'

/** Kinds and styles by their codes in a DocTree's arrays. */
const KINDS: readonly NodeKind[] = ['scalar', 'map', 'seq', 'alias']
const STYLES: readonly (ScalarStyle | undefined)[] = [undefined, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED']
const MAP = KINDS.indexOf('map')

/** A node of a DocTree: its index there. Nodes are numbered in document order. */
export type DocNode = number

/** `null` in a DocTree's child list: an empty key or value (`? ` with nothing after it). */
const ABSENT = -1

/**
 * A YAML document as the decoders read it. yaml-block.ts builds one straight from plain
 * block YAML; yaml-input.ts converts the yaml package's document into one for everything else.
 *
 * Nodes live column-wise in typed arrays rather than as an object each: a large config has
 * hundreds of thousands of nodes, and building and collecting that many objects cost more
 * than reading the text. Each node has a kind and where it starts and where its value ends
 * (offsets into the text); a scalar has a style, a collection a run of children in
 * `children` (a map's are key, value, key, value, …). A scalar's value is the text it
 * spans (inside the quotes, when quoted) unless one was given when it was added.
 */
export class DocTree {
  private kinds: Uint8Array
  private styles: Uint8Array
  private starts: Int32Array
  private ends: Int32Array
  private firstChild: Int32Array
  private childCount: Int32Array
  private children: Int32Array
  private nodeCount = 0
  private childrenUsed = 0
  /** Values the text does not spell out as they are (escapes; every scalar the yaml package read) and alias names. */
  private readonly values = new Map<DocNode, string>()
  private readonly tags = new Map<DocNode, string>()
  /** In document order, which is the order aliases look anchors up in. */
  readonly anchors = new Map<DocNode, string>()

  /** `capacity`: about how many nodes to expect; the arrays grow as needed. */
  constructor(private readonly text: string, capacity = 64) {
    const size = Math.max(16, capacity)
    this.kinds = new Uint8Array(size)
    this.styles = new Uint8Array(size)
    this.starts = new Int32Array(size)
    this.ends = new Int32Array(size)
    this.firstChild = new Int32Array(size)
    this.childCount = new Int32Array(size)
    this.children = new Int32Array(size)
  }

  kind(node: DocNode): NodeKind {
    return KINDS[this.kinds[node]]
  }

  start(node: DocNode): number {
    return this.starts[node]
  }

  end(node: DocNode): number {
    return this.ends[node]
  }

  /** A scalar's text after quotes and escapes are resolved; an alias's anchor name. */
  value(node: DocNode): string {
    return this.givenValue(node) ?? this.text.slice(this.valueStart(node), this.valueEnd(node))
  }

  /** Whether value(node) is `text`, without building the value: asked of every key. */
  valueIs(node: DocNode, text: string): boolean {
    const given = this.givenValue(node)
    if (given !== undefined) return given === text
    const start = this.valueStart(node)
    return this.valueEnd(node) - start === text.length && this.text.startsWith(text, start)
  }

  // Asked for every value: the block reader gives few or none, and a lookup in an empty map still costs.
  private givenValue(node: DocNode): string | undefined {
    return this.values.size === 0 ? undefined : this.values.get(node)
  }

  /** Where the text of a scalar added without a value starts: inside its quotes, if any. */
  private valueStart(node: DocNode): number {
    return this.starts[node] + (this.isQuoted(node) ? 1 : 0)
  }

  private valueEnd(node: DocNode): number {
    return this.ends[node] - (this.isQuoted(node) ? 1 : 0)
  }

  private isQuoted(node: DocNode): boolean {
    const style = STYLES[this.styles[node]]
    return style === 'QUOTE_DOUBLE' || style === 'QUOTE_SINGLE'
  }

  style(node: DocNode): ScalarStyle | undefined {
    return STYLES[this.styles[node]]
  }

  tag(node: DocNode): string | undefined {
    return this.tags.size === 0 ? undefined : this.tags.get(node)
  }

  /** How many pairs a map has, or items a list. */
  size(node: DocNode): number {
    const count = this.childCount[node]
    return this.kinds[node] === MAP ? count / 2 : count
  }

  items(list: DocNode): DocNode[] {
    const items: DocNode[] = []
    const first = this.firstChild[list]
    for (let i = first; i < first + this.childCount[list]; i++) items.push(this.children[i])
    return items
  }

  key(map: DocNode, index: number): DocNode | null {
    return this.child(this.firstChild[map] + 2 * index)
  }

  pairValue(map: DocNode, index: number): DocNode | null {
    return this.child(this.firstChild[map] + 2 * index + 1)
  }

  private child(at: number): DocNode | null {
    const node = this.children[at]
    return node === ABSENT ? null : node
  }

  /** Adds a scalar; `value` only when it is not the text it spans. */
  addScalar(style: ScalarStyle | undefined, start: number, end: number, value?: string): DocNode {
    const node = this.add('scalar', start, end)
    this.styles[node] = STYLES.indexOf(style)
    if (value !== undefined) this.values.set(node, value)
    return node
  }

  addAlias(anchor: string, start: number, end: number): DocNode {
    const node = this.add('alias', start, end)
    this.values.set(node, anchor)
    return node
  }

  /** Adds a map or list before its children, so that nodes stay in document order; `close` completes it. */
  open(kind: 'map' | 'seq', start: number): DocNode {
    return this.add(kind, start, start)
  }

  /** Completes a node `open` added: its end, and its children (a map's as key, value, key, value, …). */
  close(node: DocNode, end: number, children: readonly (DocNode | null)[]): void {
    this.ends[node] = end
    if (this.childrenUsed + children.length > this.children.length) {
      this.children = grow(this.children, this.childrenUsed + children.length)
    }
    this.firstChild[node] = this.childrenUsed
    this.childCount[node] = children.length
    for (const child of children) this.children[this.childrenUsed++] = child ?? ABSENT
  }

  setTag(node: DocNode, tag: string): void {
    this.tags.set(node, tag)
  }

  setAnchor(node: DocNode, anchor: string): void {
    this.anchors.set(node, anchor)
  }

  private add(kind: NodeKind, start: number, end: number): DocNode {
    if (this.nodeCount === this.kinds.length) {
      const size = this.nodeCount * 2
      this.kinds = grow(this.kinds, size)
      this.styles = grow(this.styles, size)
      this.starts = grow(this.starts, size)
      this.ends = grow(this.ends, size)
      this.firstChild = grow(this.firstChild, size)
      this.childCount = grow(this.childCount, size)
    }
    const node = this.nodeCount++
    this.kinds[node] = KINDS.indexOf(kind)
    this.starts[node] = start
    this.ends[node] = end
    return node
  }
}

/** A copy of `array` with room for at least `size` elements. */
function grow<A extends Uint8Array | Int32Array>(array: A, size: number): A {
  const grown = new (array.constructor as new (length: number) => A)(Math.max(size, array.length * 2))
  grown.set(array)
  return grown
}

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
export type Decoder<T, Code extends string = LoadDiagnosticCode> = (node: DocNode, decoding: Decoding<Code>) => T | undefined

/** Too many nodes reached through aliases: go-yaml's answer to an alias bomb. */
const MAX_ALIASED_NODES = 200_000
/** Aliases inside aliased nodes (merge chains) deeper than this are a bomb, not a config. */
const MAX_ALIAS_DEPTH = 100
/** go-yaml's anchor names. */
const ANCHOR_NAME = /^[A-Za-z0-9_-]+$/

/** Thrown to stop decoding a document that aliases itself into a loop or a bomb. */
class AliasAbort extends Error {}

/**
 * A document being decoded: follows aliases for the decoders and reports through
 * `onReport`. `Code` is the loader's own set of diagnostic codes (the mapping
 * loader's by default); alias trouble is always `yaml-syntax`.
 */
export class Decoding<Code extends string = LoadDiagnosticCode> {
  /** Built on the first alias: most configs have none, and walking every node costs. */
  private anchorTable: Map<string, {offset: number; node: DocNode}[]> | undefined
  private readonly active = new Set<DocNode>()
  private aliased = 0
  private aliasDepth = 0
  private outermostAlias: SourceRange | undefined
  private errors = 0

  constructor(
    readonly tree: DocTree,
    private readonly text: SourceText,
    private readonly onReport: (code: Code | 'yaml-syntax', severity: Severity, message: string, range: SourceRange) => void,
  ) {}

  private get anchors(): Map<string, {offset: number; node: DocNode}[]> {
    if (this.anchorTable) return this.anchorTable
    const table = new Map<string, {offset: number; node: DocNode}[]>()
    for (const [node, anchor] of this.tree.anchors) {
      const list = table.get(anchor) ?? []
      list.push({offset: this.tree.start(node), node})
      table.set(anchor, list)
    }
    this.anchorTable = table
    return table
  }

  report(code: Code | 'yaml-syntax', message: string, range: SourceRange, severity: Severity = 'error'): void {
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
  rangeOf(node: DocNode): SourceRange {
    if (this.aliasDepth > 0 && this.outermostAlias) return this.outermostAlias
    return this.text.range(this.tree.start(node), this.tree.end(node))
  }

  /** Runs `decoder` on `node`, following an alias first, guarding against loops and bombs. */
  decode<T>(decoder: Decoder<T, Code>, node: DocNode): T | undefined {
    const tree = this.tree
    if (tree.kind(node) !== 'alias') return decoder(node, this)
    const target = this.resolveAlias(tree.value(node), tree.start(node), this.rangeOf(node))
    if (target === undefined) return undefined
    if (this.active.has(target)) {
      this.report('yaml-syntax', `yaml: anchor '${tree.value(node)}' value contains itself`, this.rangeOf(node))
      throw new AliasAbort()
    }
    this.aliased += tree.kind(target) === 'scalar' ? 1 : tree.size(target) + 1
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
  private resolveAlias(name: string, offset: number, range: SourceRange): DocNode | undefined {
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

/** go-yaml v2's resolve(): what a scalar means before it meets a Go type. */
function resolveScalar(tree: DocTree, node: DocNode): ScalarValue {
  const text = tree.value(node)
  if (writtenAsString(tree, node)) return {tag: '!!str', value: text}
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

/** A scalar that is a string however it reads: tagged !!str, or quoted (or a block scalar) without a tag. */
function writtenAsString(tree: DocTree, node: DocNode): boolean {
  const tag = tree.tag(node)
  const style = tree.style(node)
  return tag === '!!str' || tag === 'tag:yaml.org,2002:str' || (style !== 'PLAIN' && style !== undefined && tag === undefined)
}

/** A scalar's meaning, or undefined for a map, list or alias. */
function scalarValue(node: DocNode, decoding: Decoding): ScalarValue | undefined {
  return decoding.tree.kind(node) === 'scalar' ? resolveScalar(decoding.tree, node) : undefined
}

function nodeTag(tree: DocTree, node: DocNode): Tag {
  const kind = tree.kind(node)
  if (kind === 'map') return '!!map'
  if (kind === 'seq') return '!!seq'
  return kind === 'scalar' ? resolveScalar(tree, node).tag : '!!str'
}

// resolveScalar's answer without building it: asked of nearly every node.
function isNull(tree: DocTree, node: DocNode): boolean {
  return tree.kind(node) === 'scalar' && !writtenAsString(tree, node) && NULLS.has(tree.value(node))
}

/** go-yaml's "cannot unmarshal !!str `abc` into float64", with its truncation of long values. */
function typeError(node: DocNode, goType: string, decoding: Decoding): undefined {
  const tree = decoding.tree
  let shown = ''
  if (tree.kind(node) === 'scalar') {
    const text = tree.value(node)
    shown = text.length > 10 ? ` \`${text.slice(0, 7)}...\`` : ` \`${text}\``
  }
  decoding.report('invalid-type', `cannot unmarshal ${nodeTag(tree, node)}${shown} into ${goType}`, decoding.rangeOf(node))
  return undefined
}

export const string: Decoder<string> = (node, decoding) => {
  const tree = decoding.tree
  if (tree.kind(node) !== 'scalar') return typeError(node, 'string', decoding)
  const text = tree.value(node)
  return NULLS.has(text) && !writtenAsString(tree, node) ? undefined : text
}

export const bool: Decoder<boolean> = (node, decoding) => {
  const value = scalarValue(node, decoding)
  if (value?.tag === '!!null') return undefined
  return value?.tag === '!!bool' ? value.value : typeError(node, 'bool', decoding)
}

export const float64: Decoder<number> = (node, decoding) => {
  const value = scalarValue(node, decoding)
  if (value?.tag === '!!null') return undefined
  return value?.tag === '!!int' || value?.tag === '!!float' ? value.value : typeError(node, 'float64', decoding)
}

export const uint32: Decoder<number> = (node, decoding) => {
  const value = scalarValue(node, decoding)
  if (value?.tag === '!!null') return undefined
  // go-yaml truncates a float into an unsigned field when it fits.
  if ((value?.tag === '!!int' || value?.tag === '!!float') && value.value >= 0 && value.value < 2 ** 32) return Math.trunc(value.value)
  return typeError(node, 'uint32', decoding)
}

/** A time.Duration, in seconds. A bare number is a count of nanoseconds, as in go-yaml. */
export const duration: Decoder<number> = (node, decoding) => {
  const value = scalarValue(node, decoding)
  if (value?.tag === '!!null') return undefined
  if (value?.tag === '!!int' || value?.tag === '!!float') {
    const nanoseconds = Math.trunc(value.value)
    if (nanoseconds !== 0) {
      decoding.report('invalid-duration',
        `${decoding.tree.value(node)} has no unit, so statsd_exporter reads it as ${nanoseconds} nanoseconds; write a unit, e.g. ${decoding.tree.value(node)}s`,
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
    const tree = decoding.tree
    if (isNull(tree, node)) return undefined
    if (tree.kind(node) !== 'seq') return typeError(node, goType, decoding)
    const out: T[] = []
    for (const element of tree.items(node)) {
      const value = decoding.decode(item, element) ?? (isNull(tree, element) ? zero : undefined)
      if (value !== undefined) out.push(value)
    }
    return out
  }
}

/** A pair's key and value as a KeyValueRange. */
function pairRange(key: DocNode, value: DocNode | null, decoding: Decoding): KeyValueRange {
  const keyRange = decoding.rangeOf(key)
  const valueRange = value !== null ? decoding.rangeOf(value) : {...keyRange, line: keyRange.endLine, column: keyRange.endColumn}
  return {key: keyRange, value: valueRange}
}

function isMergeKey(tree: DocTree, key: DocNode): boolean {
  return tree.kind(key) === 'scalar' && tree.style(key) === 'PLAIN' && tree.valueIs(key, '<<')
}

type PairVisitor = (key: DocNode, value: DocNode | null) => void

/**
 * Walks a mapping's pairs, expanding `<<` merges in place the way go-yaml does: the merged
 * map is decoded into the same target at that point, so later keys overwrite earlier ones.
 * `onMerge` starts a fresh duplicate check for each merged map.
 */
function eachPair(node: DocNode, decoding: Decoding, visitor: PairVisitor, onMerge: (merged: DocNode) => void): void {
  const tree = decoding.tree
  for (let i = 0; i < tree.size(node); i++) {
    const key = tree.key(node, i)
    const value = tree.pairValue(node, i)
    if (key !== null && isMergeKey(tree, key)) {
      const sources = value !== null && tree.kind(value) === 'seq' ? tree.items(value).reverse() : [value]
      for (const source of sources) {
        // Merged inside decode() so that a map merging itself through an alias is caught.
        const merged = source === null ? undefined : decoding.decode((n) => (tree.kind(n) === 'map' ? (onMerge(n), true) : undefined), source)
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
  // Every struct is decoded for every mapping of a large config: the fields seen are bits of
  // a number (these Go structs have at most 16 fields), and a key is looked up once.
  const names = Object.keys(decoders) as (keyof F & string)[]
  const positions = new Map<string, number>(names.map((name, position) => [name, position]))
  const decodeInto = (node: DocNode, decoding: Decoding, fields: Partial<{[K in keyof F]: Field<F[K]>}>): void => {
    const tree = decoding.tree
    let seen = 0
    eachPair(node, decoding, (key, value) => {
      const name = tree.kind(key) === 'scalar' ? tree.value(key) : ''
      const range = pairRange(key, value, decoding)
      const position = positions.get(name)
      if (position === undefined) {
        decoding.report('unknown-key', `field ${name} not found in type ${goType}`, range.key)
        return
      }
      if ((seen & (1 << position)) !== 0) {
        decoding.report('duplicate-key', `field ${name} already set in type ${goType}`, range.key)
        return
      }
      seen |= 1 << position
      const field = names[position]
      const errorsBefore = decoding.errorCount
      const decoded = value === null || isNull(tree, value) ? undefined : decoding.decode(decoders[field], value)
      fields[field] = {value: decoded, range, failed: decoding.errorCount > errorsBefore}
    }, (merged) => decodeInto(merged, decoding, fields))
  }
  return (node, decoding) => {
    // Only a list element or a whole document reaches here as null: Go's zero struct.
    const fields: Partial<{[K in keyof F]: Field<F[K]>}> = {}
    if (isNull(decoding.tree, node)) return {fields, range: decoding.rangeOf(node)}
    if (decoding.tree.kind(node) !== 'map') return typeError(node, goType, decoding)
    const errorsBefore = decoding.errorCount
    decodeInto(node, decoding, fields)
    return {fields, range: decoding.rangeOf(node), failed: decoding.errorCount > errorsBefore}
  }
}

/** A Go map[string]string such as prometheus.Labels; a key seen twice is an error, merges included. */
export function stringMap(goType: string): Decoder<MapEntry[]> {
  const decodeInto = (node: DocNode, decoding: Decoding, entries: MapEntry[]): void => {
    eachPair(node, decoding, (key, value) => {
      const range = pairRange(key, value, decoding)
      const name = string(key, decoding)
      if (name === undefined && !isNull(decoding.tree, key)) return
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
    if (isNull(decoding.tree, node)) return undefined
    if (decoding.tree.kind(node) !== 'map') return typeError(node, goType, decoding)
    const entries: MapEntry[] = []
    decodeInto(node, decoding, entries)
    return entries
  }
}
