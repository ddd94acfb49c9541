/**
 * Loads a catalogue file (`metrics.catalog.yml`) into the Catalog model, with where each
 * entry and key was written. Never throws: binary, oversized or deeply nested input,
 * alias bombs, unknown keys (with the nearest known one), values of the wrong type and
 * bad name templates all come back as located diagnostics.
 */
import {admitText} from '../mapping/input.js'
import type {KeyValueRange, SourceRange} from '../mapping/model.js'
import {excerpt, type SourceText} from '../mapping/source.js'
import type {DocNode} from '../mapping/yaml-decode.js'
import {Decoding} from '../mapping/yaml-decode.js'
import type {Diagnostic, InputKind} from '../mapping/yaml-input.js'
import {DiagnosticList, parseYaml} from '../mapping/yaml-input.js'
import {
  CATALOG_KEYS, CONVENTION_KEYS, DEPRECATION_KEYS, EVENT_KEYS, GUESS_KEYS, METRIC_KEYS, METRIC_PROMETHEUS_KEYS, NAMING_CASES,
  OBSERVERS, PLACEHOLDER_KEYS, PREFIX_CHOICES, PROMETHEUS_DEFAULT_KEYS, SEGMENT_COUNT_KEYS, TAG_KEYS, UNIT_CHOICES,
} from './format.js'
import type {
  Catalog, CatalogKey, Conventions, Deprecation, Guesses, KeyRanges, MetricEntry, MetricKey, Placeholder, PlaceholderKey,
  PrometheusDefaults, PrometheusSpec, StatsdType, TagKey, TagSpec,
} from './model.js'
import {CATALOG_VERSION, STATSD_TYPES} from './model.js'
import {nearestWord} from './nearest.js'
import type {NameTemplate} from './template.js'
import {isPlaceholderName, parseTemplate} from './template.js'
import type {CoreScalar} from './yaml-scalar.js'
import {resolveScalar} from './yaml-scalar.js'

export type CatalogDiagnosticCode =
  /** Larger than the loader reads, or nested deeper than the YAML parser can take. */
  | 'input-rejected'
  /** Not YAML: a parser error, invalid UTF-8, control characters, an alias to nowhere or a bomb. */
  | 'yaml-syntax'
  | 'duplicate-key'
  /** A key the format does not have (a typo, most often). */
  | 'unknown-key'
  /** A list where text belongs, text where a number belongs, nothing where a value belongs. */
  | 'invalid-type'
  /** A value outside what the key allows: an unknown metric type, a bad tag key, version 2. */
  | 'invalid-value'
  /** A name template (`name`, `prefix`, `replacement`) that does not parse. */
  | 'invalid-template'
  /** A required key is absent: `version`, a metric's `name`. */
  | 'missing-key'

export type CatalogDiagnostic = Diagnostic<CatalogDiagnosticCode>

export interface CatalogLoadResult {
  /** Present exactly when there is no error-level diagnostic. */
  readonly catalog?: Catalog
  /**
   * Only when there are errors and the file is a catalogue at all: what loaded without
   * one (metrics and placeholders that drew an error are left out), so that checks on the
   * rest still run.
   */
  readonly partial?: Catalog
  /** Sorted by position. */
  readonly diagnostics: readonly CatalogDiagnostic[]
}

export interface CatalogLoadOptions {
  /** Larger input is refused. Default 8 MiB, some 25,000 documented metrics. */
  readonly maxBytes?: number
}

export const CATALOG_MAX_BYTES = 8 * 1024 * 1024

const CATALOGUE: InputKind = {
  laterDocuments: {severity: 'error', message: 'a catalogue is one YAML document; remove the "---" and what follows, or merge it into the first'},
}

/** Prometheus' metric and label name syntax. */
const PROMETHEUS_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/
/** What a DogStatsD tag key may not hold: `:` ends the key, `,` the tag, `|` the section. */
const BAD_TAG_KEY = /[:,|#\s]/
/** What a DogStatsD tag value may not hold. */
const BAD_TAG_VALUE = /[,|\n\r]/
/** A whole placeholder, as a tag's value: `<apikey>`. */
const TAG_PLACEHOLDER = /^<([^<>]*)>$/
/** The body of a character class: no unescaped brackets, so it cannot close the class early. */
const CLASS_BODY = /^(?:\\.|[^\\[\]])+$/u

type Code = CatalogDiagnosticCode
type Reading = Decoding<Code>

/** File text in a message: quoted, and cut short as the mapping loader cuts it, so that a 100 KB key makes no 100 KB message. */
const quote = (text: string): string => JSON.stringify(excerpt(text))

function describeNode(reader: Reader, node: DocNode): string {
  const tree = reader.tree
  switch (tree.kind(node)) {
    case 'map': return 'a map'
    case 'seq': return 'a list'
    case 'alias': return 'an alias'
    case 'scalar': {
      const scalar = reader.scalar(node)
      const text = tree.value(node)
      const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text
      if (scalar.kind === 'null') return 'nothing'
      if (scalar.kind === 'bool') return `the boolean ${shown}`
      if (scalar.kind === 'int' || scalar.kind === 'float') return `the number ${shown}`
      return JSON.stringify(shown)
    }
  }
}

/** What people write for a statsd type, from the wire letters and statsd's own words. */
const TYPE_ALIASES: Readonly<Record<string, StatsdType>> = {
  c: 'counter', count: 'counter', increment: 'counter', g: 'gauge', ms: 'timer', timing: 'timer', h: 'histogram', d: 'distribution', s: 'set',
}

function choiceMessage(what: string, written: string, choices: readonly string[]): string {
  const near = (what === 'type' && Object.hasOwn(TYPE_ALIASES, written.toLowerCase()) ? TYPE_ALIASES[written.toLowerCase()] : undefined) ?? nearestWord(written, choices)
  return `unknown ${what} ${quote(written)}${near ? `; did you mean "${near}"?` : ''} (${choices.join(', ')})`
}

class Reader {
  constructor(readonly decoding: Reading, private readonly source: SourceText) {}

  get tree() {
    return this.decoding.tree
  }

  get errorCount(): number {
    return this.decoding.errorCount
  }

  report(code: Code, message: string, range: SourceRange, severity: 'error' | 'warning' = 'error'): void {
    this.decoding.report(code, message, range, severity)
  }

  range(node: DocNode): SourceRange {
    return this.decoding.rangeOf(node)
  }

  scalar(node: DocNode): CoreScalar {
    return resolveScalar(this.tree.value(node), this.tree.style(node), this.tree.tag(node))
  }

  isNull(node: DocNode | null): boolean {
    return node === null || (this.tree.kind(node) === 'scalar' && this.scalar(node).kind === 'null')
  }

  /** Runs `read` on `node` after following an alias. */
  read<T>(node: DocNode, read: (node: DocNode) => T | undefined): T | undefined {
    return this.decoding.decode((resolved) => read(resolved), node)
  }

  /**
   * Each pair of a map with free keys (tags, placeholders, labels), with duplicates
   * reported; false (after reporting) when the node is not a map.
   */
  entries(node: DocNode, what: string, visit: (key: string, value: DocNode | null, range: KeyValueRange) => void): boolean {
    const tree = this.tree
    if (tree.kind(node) !== 'map') {
      this.report('invalid-type', `${what} must be a map, not ${describeNode(this, node)}`, this.range(node))
      return false
    }
    const seen = new Map<string, SourceRange>()
    for (let i = 0; i < tree.size(node); i++) {
      const keyNode = tree.key(node, i)
      const value = tree.pairValue(node, i)
      if (keyNode === null) continue
      const keyRange = this.range(keyNode)
      const range = {key: keyRange, value: value === null ? {...keyRange, line: keyRange.endLine, column: keyRange.endColumn} : this.range(value)}
      if (tree.kind(keyNode) !== 'scalar') {
        this.report('invalid-type', `a key in ${what} must be text, not ${describeNode(this, keyNode)}`, keyRange)
        continue
      }
      const key = tree.value(keyNode)
      const first = seen.get(key)
      if (first) {
        this.report('duplicate-key', `${quote(key)} is already set in ${what} on line ${first.line}`, keyRange)
        continue
      }
      seen.set(key, keyRange)
      visit(key, value, range)
    }
    return true
  }

  /** Each pair of a map whose keys the format fixes; an unknown key is reported with the nearest known one. */
  fields<K extends string>(node: DocNode, what: string, known: readonly K[], visit: (key: K, value: DocNode | null, range: KeyValueRange) => void): KeyRanges<K> | undefined {
    const keys: Partial<Record<K, KeyValueRange>> = {}
    const isMap = this.entries(node, what, (key, value, range) => {
      if (!(known as readonly string[]).includes(key)) {
        const near = nearestWord(key, known)
        this.report('unknown-key', `unknown key ${quote(key)} in ${what}${near ? `; did you mean "${near}"?` : ` (known keys: ${known.join(', ')})`}`, range.key)
        return
      }
      keys[key as K] = range
      visit(key as K, value, range)
    })
    return isMap ? keys : undefined
  }

  /** A value that must be written: null is reported as missing. */
  present(value: DocNode | null, range: KeyValueRange, what: string): DocNode | undefined {
    if (!this.isNull(value)) return value ?? undefined
    this.report('invalid-type', `${what} has no value`, range.value)
    return undefined
  }

  // The readers of single values follow an alias themselves, so that their callers need
  // not wrap each call in read() (a closure per key of a large catalogue).

  /** Text proper: quoted, or plain that YAML reads as a string. */
  text(node: DocNode, what: string): string | undefined {
    if (this.tree.kind(node) === 'alias') return this.read(node, (resolved) => this.text(resolved, what))
    const tree = this.tree
    if (tree.kind(node) === 'scalar') {
      const text = tree.value(node)
      if (resolveScalar(text, tree.style(node), tree.tag(node)).kind === 'str') return text
    }
    const hint = tree.kind(node) === 'scalar' && !this.isNull(node) ? `; quote it to mean the text: ${quote(tree.value(node))}` : ''
    this.report('invalid-type', `${what} must be text, not ${describeNode(this, node)}${hint}`, this.range(node))
    return undefined
  }

  /** A value as written: text, or a number or boolean taken as the text it was written as (`200`, `1.0`, `false`). */
  value(node: DocNode, what: string): string | undefined {
    if (this.tree.kind(node) === 'alias') return this.read(node, (resolved) => this.value(resolved, what))
    if (this.tree.kind(node) === 'scalar' && !this.isNull(node)) return this.tree.value(node)
    this.report('invalid-type', `${what} must be a single value, not ${describeNode(this, node)}`, this.range(node))
    return undefined
  }

  bool(node: DocNode, what: string): boolean | undefined {
    if (this.tree.kind(node) === 'alias') return this.read(node, (resolved) => this.bool(resolved, what))
    const scalar = this.tree.kind(node) === 'scalar' ? this.scalar(node) : undefined
    if (scalar?.kind === 'bool') return scalar.value
    this.report('invalid-type', `${what} must be true or false, not ${describeNode(this, node)}`, this.range(node))
    return undefined
  }

  wholeNumber(node: DocNode, what: string, min: number): number | undefined {
    if (this.tree.kind(node) === 'alias') return this.read(node, (resolved) => this.wholeNumber(resolved, what, min))
    const scalar = this.tree.kind(node) === 'scalar' ? this.scalar(node) : undefined
    if (scalar?.kind === 'int' && Number.isSafeInteger(scalar.value) && scalar.value >= min) return scalar.value
    this.report(scalar?.kind === 'int' ? 'invalid-value' : 'invalid-type', `${what} must be a whole number of at least ${min}, not ${describeNode(this, node)}`, this.range(node))
    return undefined
  }

  number(node: DocNode, what: string): number | undefined {
    if (this.tree.kind(node) === 'alias') return this.read(node, (resolved) => this.number(resolved, what))
    const scalar = this.tree.kind(node) === 'scalar' ? this.scalar(node) : undefined
    if ((scalar?.kind === 'int' || scalar?.kind === 'float') && Number.isFinite(scalar.value)) return scalar.value
    this.report('invalid-type', `${what} must be a finite number, not ${describeNode(this, node)}`, this.range(node))
    return undefined
  }

  choice<T extends string>(node: DocNode, what: string, choices: readonly T[]): T | undefined {
    const text = this.text(node, what)
    if (text === undefined) return undefined
    if ((choices as readonly string[]).includes(text)) return text as T
    this.report('invalid-value', choiceMessage(what, text, choices), this.range(node))
    return undefined
  }

  /** A list; each item read by `item` (undefined items, already reported, are left out). */
  list<T>(node: DocNode, what: string, item: (node: DocNode) => T | undefined): T[] | undefined {
    if (this.tree.kind(node) === 'alias') return this.read(node, (resolved) => this.list(resolved, what, item))
    if (this.tree.kind(node) !== 'seq') {
      this.report('invalid-type', `${what} must be a list, not ${describeNode(this, node)}`, this.range(node))
      return undefined
    }
    const items: T[] = []
    for (const element of this.tree.items(node)) {
      const value = this.read(element, item)
      if (value !== undefined) items.push(value)
    }
    return items
  }

  textList(node: DocNode, what: string): string[] | undefined {
    return this.list(node, what, (item) => this.text(item, `each of ${what}`))
  }

  valueList(node: DocNode, what: string): string[] | undefined {
    return this.list(node, what, (item) => this.value(item, `each of ${what}`))
  }

  /** A name template, with a parse error placed at the offending character where the text is as written. */
  template(node: DocNode, what: string): NameTemplate | undefined {
    const text = this.text(node, what)
    if (text === undefined) return undefined
    const parsed = parseTemplate(text)
    if (parsed.ok) return parsed.template
    this.report('invalid-template', `${what} ${quote(text)}: ${parsed.error.message}`, this.offsetRange(node, text, parsed.error.offset))
    return undefined
  }

  /** Where character `offset` of a scalar's value is, when the value is written out as is (plain, or quoted without escapes). */
  private offsetRange(node: DocNode, value: string, offset: number): SourceRange {
    const whole = this.range(node)
    const start = this.tree.start(node)
    const end = this.tree.end(node)
    const natural = this.source.range(start, end)
    // Inside an alias rangeOf points at the alias; the anchor's characters are elsewhere.
    if (natural.line !== whole.line || natural.column !== whole.column) return whole
    const written = this.source.text.slice(start, end)
    const quote = this.tree.style(node) === 'PLAIN' ? 0 : 1
    if (written.slice(quote, written.length - quote) !== value) return whole
    const at = start + quote + Math.min(offset, Math.max(0, value.length - 1))
    return this.source.range(at, at + 1)
  }
}

/** The whole catalogue, without the metrics and placeholders that drew an error. */
function readCatalog(reader: Reader, root: DocNode): Catalog | undefined {
  let version: number | undefined
  let prefix: NameTemplate | undefined
  const placeholders: Placeholder[] = []
  let conventions: Conventions | undefined
  let prometheus: PrometheusDefaults | undefined
  const metrics: MetricEntry[] = []
  const keys = reader.fields<CatalogKey>(root, 'the catalogue', CATALOG_KEYS, (key, value, range) => {
    // Empty lists of placeholders or metrics are written as `metrics:` while a file is begun.
    if ((key === 'placeholders' || key === 'metrics') && reader.isNull(value)) return
    const node = reader.present(value, range, key)
    if (node === undefined) return
    switch (key) {
      case 'version':
        version = reader.read(node, (n) => readVersion(reader, n))
        break
      case 'prefix':
        prefix = reader.template(node, 'prefix')
        break
      case 'placeholders':
        reader.read(node, (n) => readPlaceholders(reader, n, placeholders))
        break
      case 'conventions':
        conventions = reader.read(node, (n) => readConventions(reader, n))
        break
      case 'prometheus':
        prometheus = reader.read(node, (n) => readPrometheusDefaults(reader, n))
        break
      case 'metrics':
        reader.read(node, (n) => readMetrics(reader, n, metrics))
        break
    }
  })
  if (keys === undefined) return undefined
  if (keys.version === undefined) reader.report('missing-key', `the catalogue has no version; add "version: ${CATALOG_VERSION}" at the top`, reader.range(root))
  return {
    version: version ?? CATALOG_VERSION,
    ...(prefix ? {prefix} : {}),
    placeholders,
    ...(conventions ? {conventions} : {}),
    ...(prometheus ? {prometheus} : {}),
    metrics,
    keys,
  }
}

function readVersion(reader: Reader, node: DocNode): number | undefined {
  const version = reader.wholeNumber(node, 'version', 1)
  if (version === undefined || version === CATALOG_VERSION) return version
  reader.report('invalid-value', `version ${version} is not supported; this build reads version ${CATALOG_VERSION} catalogues`, reader.range(node))
  return undefined
}

function readPlaceholders(reader: Reader, node: DocNode, into: Placeholder[]): void {
  reader.entries(node, 'placeholders', (name, value, range) => {
    const errorsBefore = reader.errorCount
    const placeholder = readPlaceholder(reader, name, value, range)
    if (placeholder && reader.errorCount === errorsBefore) into.push(placeholder)
  })
}

function readPlaceholder(reader: Reader, name: string, value: DocNode | null, range: KeyValueRange): Placeholder | undefined {
  if (!isPlaceholderName(name)) {
    const bare = name.replace(/^<(.*)>$/, '$1')
    const hint = bare !== name && isPlaceholderName(bare) ? `; write it without the angle brackets: ${excerpt(bare)}` : ''
    reader.report('invalid-value', `placeholder names are letters, digits and _, not starting with a digit: ${quote(name)}${hint}`, range.key)
    return undefined
  }
  const at = range.key
  if (reader.isNull(value) || value === null) return {name, at}
  const fields: {-readonly [K in keyof Placeholder]?: Placeholder[K]} = {}
  const what = `placeholder ${excerpt(name)}`
  const keys = reader.read(value, (node) => reader.fields<PlaceholderKey>(node, what, PLACEHOLDER_KEYS, (key, field, keyRange) => {
    const node = reader.present(field, keyRange, key)
    if (node === undefined) return
    switch (key) {
      case 'segments':
        fields.segments = reader.read(node, (n) => readSegmentNames(reader, n))
        break
      case 'values':
        fields.values = reader.valueList(node, 'values')
        break
      case 'examples':
        fields.examples = reader.valueList(node, 'examples')
        break
      case 'description':
      case 'sensitive':
      case 'allow':
      case 'cardinality':
        readValueDetail(reader, key, node, fields)
        break
      case 'guessed':
        fields.guessed = reader.read(node, (n) => reader.text(n, 'guessed'))
        break
    }
  }))
  if (keys === undefined) return undefined
  const placeholder: Placeholder = {name, ...fields, at, keys}
  checkSegmentValues(reader, placeholder)
  return placeholder
}

/** What placeholders and tags both say about a value: what it is, whether it may be sensitive, its detectors and budget. */
type ValueDetails = {-readonly [K in 'description' | 'sensitive' | 'allow' | 'cardinality']?: Placeholder[K]}

function readValueDetail(reader: Reader, key: keyof ValueDetails, node: DocNode, into: ValueDetails): void {
  switch (key) {
    case 'description':
      into.description = reader.text(node, 'description')
      break
    case 'sensitive':
      into.sensitive = reader.bool(node, 'sensitive')
      break
    case 'allow':
      into.allow = reader.textList(node, 'allow')
      break
    case 'cardinality':
      into.cardinality = reader.wholeNumber(node, 'cardinality', 1)
      break
  }
}

function readSegmentNames(reader: Reader, node: DocNode): string[] | undefined {
  const names = reader.textList(node, 'segments')
  if (names === undefined) return undefined
  if (names.length === 0) {
    reader.report('invalid-value', 'segments must name at least one segment', reader.range(node))
    return undefined
  }
  const bad = names.find((name) => !LABEL_NAME.test(name))
  const repeated = names.find((name, i) => names.indexOf(name) !== i)
  const problem = bad !== undefined
    ? `segment names become label names: letters, digits and _, not starting with a digit, not ${quote(bad)}`
    : repeated === undefined ? undefined : `segment name ${quote(repeated)} is given twice`
  if (problem !== undefined) {
    reader.report('invalid-value', problem, reader.range(node))
    return undefined
  }
  return names
}

/** A placeholder that stands for whole segments: its values and examples must have that many. */
function checkSegmentValues(reader: Reader, placeholder: Placeholder): void {
  const count = placeholder.segments?.length
  if (count === undefined) return
  for (const key of ['values', 'examples'] as const) {
    const wrong = placeholder[key]?.find((value) => value.split('.').length !== count)
    const where = placeholder.keys?.[key]
    if (wrong !== undefined && where) {
      reader.report('invalid-value', `${excerpt(placeholder.name)} stands for ${count} segments (${placeholder.segments?.join(', ')}), but ${quote(wrong)} has ${wrong.split('.').length}`, where.value)
    }
  }
}

function readConventions(reader: Reader, node: DocNode): Conventions | undefined {
  const fields: {-readonly [K in keyof Conventions]?: Conventions[K]} = {}
  const keys = reader.fields(node, 'conventions', CONVENTION_KEYS, (key, value, range) => {
    const field = reader.present(value, range, key)
    if (field === undefined) return
    switch (key) {
      case 'segments':
        fields.segments = reader.read(field, (n) => readSegmentCount(reader, n))
        break
      case 'characters':
        fields.characters = reader.read(field, (n) => readCharacterClass(reader, n))
        break
      case 'case':
        fields.case = reader.choice(field, 'case', NAMING_CASES)
        break
      case 'prefix':
        fields.prefix = reader.read(field, (n) => readLiteralSegment(reader, n))
        break
      case 'events':
        fields.events = reader.read(field, (n) => readEvents(reader, n))
        break
    }
  })
  return keys === undefined ? undefined : {...fields, at: reader.range(node)}
}

function readSegmentCount(reader: Reader, node: DocNode): {min?: number; max?: number} | undefined {
  const count: {min?: number; max?: number} = {}
  const keys = reader.fields(node, 'segments', SEGMENT_COUNT_KEYS, (key, value, range) => {
    const field = reader.present(value, range, key)
    if (field !== undefined) count[key] = reader.wholeNumber(field, key, 1)
  })
  if (keys === undefined) return undefined
  if (count.min !== undefined && count.max !== undefined && count.min > count.max) {
    reader.report('invalid-value', `segments: min ${count.min} is more than max ${count.max}`, reader.range(node))
    return undefined
  }
  return count
}

function readCharacterClass(reader: Reader, node: DocNode): string | undefined {
  const body = reader.text(node, 'characters')
  if (body === undefined) return undefined
  let valid = CLASS_BODY.test(body)
  if (valid) {
    try {
      new RegExp(`^[${body}]+$`, 'u')
    } catch {
      valid = false
    }
  }
  if (valid) return body
  reader.report('invalid-value', `characters is the inside of a character class, such as a-z0-9_ (no brackets); ${quote(body)} is not one`, reader.range(node))
  return undefined
}

function readLiteralSegment(reader: Reader, node: DocNode): string | undefined {
  const text = reader.text(node, 'prefix')
  if (text === undefined) return undefined
  const parsed = parseTemplate(text)
  if (parsed.ok && parsed.template.segments.length === 1 && parsed.template.segments[0].parts.every((part) => part.kind === 'literal')) return text
  reader.report('invalid-value', `the conventions' prefix is one literal segment (no "." and no placeholder), not ${quote(text)}`, reader.range(node))
  return undefined
}

function readEvents(reader: Reader, node: DocNode): Conventions['events'] {
  let types: StatsdType[] = ['counter']
  let verbs: string[] | undefined
  const keys = reader.fields(node, 'events', EVENT_KEYS, (key, value, range) => {
    const field = reader.present(value, range, key)
    if (field === undefined) return
    if (key === 'types') types = reader.list(field, 'types', (item) => reader.choice(item, 'type', STATSD_TYPES)) ?? types
    else verbs = reader.textList(field, 'verbs')
  })
  return keys === undefined ? undefined : {types, ...(verbs ? {verbs} : {})}
}

function readPrometheusDefaults(reader: Reader, node: DocNode): PrometheusDefaults | undefined {
  const fields: {-readonly [K in keyof PrometheusDefaults]?: PrometheusDefaults[K]} = {}
  const keys = reader.fields(node, 'prometheus', PROMETHEUS_DEFAULT_KEYS, (key, value, range) => {
    const field = reader.present(value, range, key)
    if (field === undefined) return
    if (key === 'prefix') fields.prefix = reader.choice(field, 'prefix', PREFIX_CHOICES)
    else fields.units = reader.choice(field, 'units', UNIT_CHOICES)
  })
  return keys === undefined ? undefined : fields
}

function readMetrics(reader: Reader, node: DocNode, into: MetricEntry[]): void {
  reader.list(node, 'metrics', (item) => {
    const errorsBefore = reader.errorCount
    const metric = readMetric(reader, item)
    if (metric && reader.errorCount === errorsBefore) into.push(metric)
    // Collected in order above, so that one with an error is left out of the partial catalogue.
    return undefined
  })
}

function readMetric(reader: Reader, node: DocNode): MetricEntry | undefined {
  let name: NameTemplate | undefined
  let type: StatsdType = 'unknown'
  let tags: TagSpec[] = []
  const fields: {-readonly [K in keyof MetricEntry]?: MetricEntry[K]} = {}
  const keys = reader.fields<MetricKey>(node, 'a metric', METRIC_KEYS, (key, value, range) => {
    const field = reader.present(value, range, key)
    if (field === undefined) return
    switch (key) {
      case 'name':
        name = reader.template(field, 'name')
        break
      case 'type':
        type = reader.choice(field, 'type', STATSD_TYPES) ?? type
        break
      case 'description':
      case 'unit':
      case 'owner':
      case 'source':
        fields[key] = reader.text(field, key)
        break
      case 'tags':
        tags = reader.read(field, (n) => readTags(reader, n)) ?? tags
        break
      case 'deprecated':
        fields.deprecated = reader.read(field, (n) => readDeprecation(reader, n))
        break
      case 'prometheus':
        fields.prometheus = reader.read(field, (n) => readPrometheusSpec(reader, n))
        break
      case 'guessed':
        fields.guessed = reader.read(field, (n) => readGuesses(reader, n))
        break
    }
  })
  if (keys === undefined) return undefined
  const at = reader.range(node)
  if (keys.name === undefined) {
    reader.report('missing-key', 'a metric needs a name (its statsd name template, such as feed.<FEED_CLASS>.reads)', at)
    return undefined
  }
  if (name === undefined) return undefined
  return {name, type, ...fields, tags, at, keys}
}

function readTags(reader: Reader, node: DocNode): TagSpec[] | undefined {
  const tags: TagSpec[] = []
  const read = reader.entries(node, 'tags', (key, value, range) => {
    if (key === '' || BAD_TAG_KEY.test(key)) {
      reader.report('invalid-value', `a DogStatsD tag key cannot be empty or hold ":", ",", "|", "#" or spaces: ${quote(key)}`, range.key)
      return
    }
    const tag = value === null || reader.isNull(value) ? {key, at: range.key} : reader.read(value, (n) => readTag(reader, key, n, range))
    if (tag) tags.push(tag)
  })
  return read ? tags : undefined
}

function readTag(reader: Reader, key: string, node: DocNode, range: KeyValueRange): TagSpec | undefined {
  const at = range.key
  const what = `tag ${excerpt(key)}`
  if (reader.tree.kind(node) !== 'map') {
    const values = readTagValues(reader, node, what)
    return values && {key, ...values, at, keys: {values: range}}
  }
  const fields: {-readonly [K in keyof TagSpec]?: TagSpec[K]} = {}
  const keys = reader.fields<TagKey>(node, what, TAG_KEYS, (field, value, fieldRange) => {
    const valueNode = reader.present(value, fieldRange, field)
    if (valueNode === undefined) return
    switch (field) {
      case 'values':
        Object.assign(fields, reader.read(valueNode, (n) => readTagValues(reader, n, what)))
        break
      case 'optional':
        fields.optional = reader.read(valueNode, (n) => reader.bool(n, 'optional'))
        break
      case 'description':
      case 'sensitive':
      case 'allow':
      case 'cardinality':
        readValueDetail(reader, field, valueNode, fields)
        break
    }
  })
  return keys && {key, ...fields, at, keys}
}

/** A tag's values as written: one placeholder (`<apikey>`), one value, or a list of values. */
function readTagValues(reader: Reader, node: DocNode, what: string): {placeholder: string} | {values: string[]} | undefined {
  if (reader.tree.kind(node) === 'seq') {
    const values = reader.list(node, `the values of ${what}`, (item) => {
      const value = reader.value(item, `each value of ${what}`)
      return value !== undefined && checkTagValue(reader, value, item, true) ? value : undefined
    })
    return values && {values}
  }
  const value = reader.value(node, `the value of ${what}`)
  if (value === undefined) return undefined
  const placeholder = TAG_PLACEHOLDER.exec(value)?.[1]
  if (placeholder !== undefined) {
    if (isPlaceholderName(placeholder)) return {placeholder}
    reader.report('invalid-template', `placeholder names are letters, digits and _, not starting with a digit: <${excerpt(placeholder)}>`, reader.range(node))
    return undefined
  }
  return checkTagValue(reader, value, node, false) ? {values: [value]} : undefined
}

function checkTagValue(reader: Reader, value: string, node: DocNode, inList: boolean): boolean {
  let problem: string | undefined
  if (value === '') problem = 'a tag value cannot be empty'
  else if (BAD_TAG_VALUE.test(value)) problem = `a DogStatsD tag value cannot hold ",", "|" or a line break: ${quote(value)}`
  else if (/[<>]/.test(value)) {
    problem = inList && TAG_PLACEHOLDER.test(value)
      ? `a list holds literal values; for a placeholder, write the tag as key: ${excerpt(value)}`
      : `a tag value is one placeholder (<name>) or literal values, not both: ${quote(value)}`
  }
  if (problem === undefined) return true
  reader.report('invalid-value', problem, reader.range(node))
  return false
}

function readDeprecation(reader: Reader, node: DocNode): Deprecation | undefined {
  const at = reader.range(node)
  if (reader.tree.kind(node) !== 'map') {
    const scalar = reader.tree.kind(node) === 'scalar' ? reader.scalar(node) : undefined
    if (scalar?.kind === 'bool') return scalar.value ? {at} : undefined
    reader.report('invalid-type', `deprecated is true, or a map of replacement: and note:, not ${describeNode(reader, node)}`, at)
    return undefined
  }
  const fields: {-readonly [K in keyof Deprecation]?: Deprecation[K]} = {}
  const keys = reader.fields(node, 'deprecated', DEPRECATION_KEYS, (key, value, range) => {
    const field = reader.present(value, range, key)
    if (field === undefined) return
    if (key === 'replacement') fields.replacement = reader.read(field, (n) => reader.template(n, 'replacement')?.text)
    else fields.note = reader.text(field, 'note')
  })
  return keys && {...fields, at}
}

function readPrometheusSpec(reader: Reader, node: DocNode): PrometheusSpec | undefined {
  const fields: {-readonly [K in keyof PrometheusSpec]?: PrometheusSpec[K]} = {}
  const keys = reader.fields(node, 'prometheus', METRIC_PROMETHEUS_KEYS, (key, value, range) => {
    const field = reader.present(value, range, key)
    if (field === undefined) return
    switch (key) {
      case 'name':
        fields.name = reader.read(field, (n) => {
          const name = reader.text(n, 'name')
          if (name === undefined || PROMETHEUS_NAME.test(name)) return name
          reader.report('invalid-value', `${quote(name)} is not a Prometheus metric name (letters, digits, _ and :, not starting with a digit)`, reader.range(n))
          return undefined
        })
        break
      case 'labels':
        fields.labels = reader.read(field, (n) => readLabels(reader, n))
        break
      case 'observer':
        fields.observer = reader.choice(field, 'observer', OBSERVERS)
        break
      case 'buckets':
        fields.buckets = reader.list(field, 'buckets', (item) => reader.number(item, 'each bucket'))
        break
    }
  })
  return keys && {...fields, at: reader.range(node)}
}

function readLabels(reader: Reader, node: DocNode): Record<string, string> | undefined {
  const labels: Record<string, string> = {}
  const read = reader.entries(node, 'labels', (label, value, range) => {
    if (!LABEL_NAME.test(label) || label.startsWith('__')) {
      reader.report('invalid-value', `${quote(label)} is not a Prometheus label name (letters, digits and _, not starting with a digit or __)`, range.key)
      return
    }
    const what = `label ${excerpt(label)}`
    const field = reader.present(value, range, what)
    const filler = field === undefined ? undefined : reader.text(field, what)
    if (filler !== undefined) labels[label] = filler
  })
  return read ? labels : undefined
}

function readGuesses(reader: Reader, node: DocNode): Guesses | undefined {
  const guesses: {-readonly [K in keyof Guesses]?: Guesses[K]} = {}
  const keys = reader.fields(node, 'guessed', GUESS_KEYS, (key, value, range) => {
    const field = reader.present(value, range, key)
    if (field !== undefined) guesses[key] = reader.text(field, `guessed ${key}`)
  })
  return keys && guesses
}

function load(input: string | Uint8Array, options: CatalogLoadOptions, diagnostics: DiagnosticList<Code>): CatalogLoadResult {
  const source = admitText(input, diagnostics.add, options.maxBytes ?? CATALOG_MAX_BYTES)
  if (source === undefined) return {diagnostics: diagnostics.sorted()}
  const document = parseYaml(source, CATALOGUE, diagnostics.add)
  if (document === undefined) return {diagnostics: diagnostics.sorted()}
  if (document === null) {
    diagnostics.add('missing-key', 'error', `the file is empty; a catalogue starts with "version: ${CATALOG_VERSION}" and lists its metrics under "metrics:"`, source.range(0))
    return {diagnostics: diagnostics.sorted()}
  }
  const decoding = new Decoding<Code>(document.tree, source, diagnostics.add)
  const reader = new Reader(decoding, source)
  let catalog: Catalog | undefined
  const completed = decoding.run(() => {
    catalog = reader.read(document.root, (root) => readCatalog(reader, root))
  })
  if (!completed || catalog === undefined) return {diagnostics: diagnostics.sorted()}
  if (!diagnostics.hasErrors) return {catalog, diagnostics: diagnostics.sorted()}
  return {partial: catalog, diagnostics: diagnostics.sorted()}
}

/** Reads a catalogue file; see CatalogLoadResult. */
export function loadCatalog(input: string | Uint8Array, options: CatalogLoadOptions = {}): CatalogLoadResult {
  const diagnostics = new DiagnosticList<Code>()
  try {
    return load(input, options, diagnostics)
  } catch (error) {
    // A bug here must not take the command down with a stack trace; say what happened.
    diagnostics.add('input-rejected', 'error', `could not read the catalogue: ${(error as Error).message}`, {line: 1, column: 1, endLine: 1, endColumn: 1})
    return {diagnostics: diagnostics.sorted()}
  }
}
