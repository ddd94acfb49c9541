/**
 * Writes a Catalog as the YAML a person edits and reviews: keys in the format's order,
 * block style, short tag forms where they say everything, no empty keys, quotes only
 * where YAML would read the text as something else (`"false"`, `"1.0"`), one metric per
 * list item with a blank line between metrics. Loading what was written gives the same
 * Catalog (positions aside), and the output stays in the subset the fast block reader
 * takes, so large written catalogues load quickly. Pure: no I/O.
 */
import {CONVENTION_KEYS, GUESS_KEYS, PLACEHOLDER_KEYS} from './format.js'
import type {Catalog, Conventions, Deprecation, Guesses, MetricEntry, Placeholder, PrometheusDefaults, PrometheusSpec, TagSpec} from './model.js'
import {plainSafe} from './yaml-scalar.js'

export interface WriteOptions {
  /** Where the JSON Schema is, for the `# yaml-language-server: $schema=…` line editors read. */
  readonly schema?: string
}

const INDENT = '  '

/** Characters a double-quoted scalar escapes by name. */
const NAMED_ESCAPES: Readonly<Record<string, string>> = {'\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\0': '\\0'}

function quoted(text: string): string {
  return `"${text.replace(/[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g, (char) => NAMED_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`
}

/** A scalar on one line: plain when that reads back as the same text, else double-quoted. */
function scalar(text: string, inFlow = false): string {
  return plainSafe(text, inFlow) ? text : quoted(text)
}

function flowList(items: readonly string[]): string {
  return `[${items.map((item) => scalar(item, true)).join(', ')}]`
}

/**
 * `key: value` lines for text, which may span lines: a literal block (`|`, `|-`) keeps
 * multi-line descriptions readable; text a literal block cannot hold exactly is quoted.
 */
function textField(indent: string, key: string, text: string): string[] {
  const lines = text.split('\n')
  const trailing = text.length - text.replace(/\n+$/, '').length
  const firstContent = lines.find((line) => line !== '')
  const literalSafe = lines.length > 1 && trailing <= 1 && firstContent !== undefined && !/^[ \t]/.test(firstContent)
    && !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(text)
  if (!literalSafe) return [`${indent}${scalar(key)}: ${scalar(text)}`]
  const body = trailing === 1 ? lines.slice(0, -1) : lines
  return [`${indent}${scalar(key)}: ${trailing === 1 ? '|' : '|-'}`, ...body.map((line) => (line === '' ? '' : `${indent}${INDENT}${line}`))]
}

/** The lines of `key:` followed by a nested block, or nothing when the block is empty. */
function section(indent: string, key: string, body: readonly string[]): string[] {
  return body.length === 0 ? [] : [`${indent}${scalar(key)}:`, ...body]
}

function optionalText(indent: string, key: string, text: string | undefined): string[] {
  return text === undefined || text === '' ? [] : textField(indent, key, text)
}

function optionalList(indent: string, key: string, items: readonly string[] | undefined): string[] {
  return items === undefined || items.length === 0 ? [] : [`${indent}${key}: ${flowList(items)}`]
}

function optionalScalar(indent: string, key: string, value: boolean | number | undefined): string[] {
  return value === undefined ? [] : [`${indent}${key}: ${String(value)}`]
}

function placeholderLines(placeholder: Placeholder, indent: string): string[] {
  const inner = indent + INDENT
  const body = PLACEHOLDER_KEYS.flatMap((key) => {
    switch (key) {
      case 'description': return optionalText(inner, key, placeholder.description)
      case 'segments':
      case 'values':
      case 'examples':
      case 'allow': return optionalList(inner, key, placeholder[key])
      case 'sensitive':
      case 'cardinality': return optionalScalar(inner, key, placeholder[key])
      case 'guessed': return optionalText(inner, key, placeholder.guessed)
    }
  })
  return body.length === 0 ? [`${indent}${scalar(placeholder.name)}: {}`] : [`${indent}${scalar(placeholder.name)}:`, ...body]
}

function conventionLines(conventions: Conventions, indent: string): string[] {
  const inner = indent + INDENT
  return CONVENTION_KEYS.flatMap((key) => {
    switch (key) {
      case 'segments': {
        const count = conventions.segments
        return section(indent, key, [...optionalScalar(inner, 'min', count?.min), ...optionalScalar(inner, 'max', count?.max)])
      }
      case 'characters':
      case 'case':
      case 'prefix': return optionalText(indent, key, conventions[key])
      case 'events': {
        const events = conventions.events
        return events === undefined ? [] : [`${indent}events:`, `${inner}types: ${flowList(events.types)}`, ...optionalList(inner, 'verbs', events.verbs)]
      }
    }
  })
}

function prometheusDefaultLines(defaults: PrometheusDefaults, indent: string): string[] {
  return [...optionalText(indent, 'prefix', defaults.prefix), ...optionalText(indent, 'units', defaults.units)]
}

/** A tag in its shortest form that says everything: `<placeholder>`, one value, a list, or `{}` for any value. */
function tagLines(tag: TagSpec, indent: string): string[] {
  if (tag.placeholder !== undefined && tag.values !== undefined) {
    throw new Error(`tag ${tag.key}: a tag has a placeholder or a list of values, not both`)
  }
  const values = tag.placeholder !== undefined ? `<${tag.placeholder}>` : tag.values !== undefined ? flowList(tag.values) : undefined
  const detailed = tag.optional === true || tag.description !== undefined || tag.sensitive !== undefined || tag.allow !== undefined || tag.cardinality !== undefined
  const key = scalar(tag.key)
  if (!detailed) {
    if (tag.values?.length === 1) return [`${indent}${key}: ${scalar(tag.values[0])}`]
    return [`${indent}${key}: ${values ?? '{}'}`]
  }
  const inner = indent + INDENT
  return [
    `${indent}${key}:`,
    ...(values === undefined ? [] : [`${inner}values: ${values}`]),
    ...(tag.optional === true ? [`${inner}optional: true`] : []),
    ...optionalText(inner, 'description', tag.description),
    ...optionalScalar(inner, 'sensitive', tag.sensitive),
    // An empty allow list is meaningful here: it overrides the placeholder's.
    ...(tag.allow === undefined ? [] : [`${inner}allow: ${flowList(tag.allow)}`]),
    ...optionalScalar(inner, 'cardinality', tag.cardinality),
  ]
}

function deprecationLines(deprecated: Deprecation, indent: string): string[] {
  if (deprecated.replacement === undefined && deprecated.note === undefined) return [`${indent}deprecated: true`]
  const inner = indent + INDENT
  return [`${indent}deprecated:`, ...optionalText(inner, 'replacement', deprecated.replacement), ...optionalText(inner, 'note', deprecated.note)]
}

function prometheusLines(spec: PrometheusSpec, indent: string): string[] {
  const inner = indent + INDENT
  const labels = Object.entries(spec.labels ?? {}).map(([label, filler]) => `${inner}${INDENT}${scalar(label)}: ${scalar(filler)}`)
  return section(indent, 'prometheus', [
    ...optionalText(inner, 'name', spec.name),
    ...section(inner, 'labels', labels),
    ...optionalText(inner, 'observer', spec.observer),
    ...(spec.buckets === undefined || spec.buckets.length === 0 ? [] : [`${inner}buckets: [${spec.buckets.map(String).join(', ')}]`]),
  ])
}

function guessLines(guessed: Guesses, indent: string): string[] {
  return section(indent, 'guessed', GUESS_KEYS.flatMap((key) => optionalText(indent + INDENT, key, guessed[key])))
}

function metricLines(metric: MetricEntry, indent: string): string[] {
  const inner = indent + INDENT
  const lines = [
    `${indent}- name: ${scalar(metric.name.text)}`,
    `${inner}type: ${metric.type}`,
    ...optionalText(inner, 'description', metric.description),
    ...optionalText(inner, 'unit', metric.unit),
    ...optionalText(inner, 'owner', metric.owner),
    ...section(inner, 'tags', metric.tags.flatMap((tag) => tagLines(tag, inner + INDENT))),
    ...(metric.deprecated ? deprecationLines(metric.deprecated, inner) : []),
    ...(metric.prometheus ? prometheusLines(metric.prometheus, inner) : []),
    ...optionalText(inner, 'source', metric.source),
    ...(metric.guessed ? guessLines(metric.guessed, inner) : []),
  ]
  return lines
}

export function writeCatalog(catalog: Catalog, options: WriteOptions = {}): string {
  const blocks: string[][] = []
  blocks.push([...(options.schema === undefined ? [] : [`# yaml-language-server: $schema=${options.schema}`]), `version: ${catalog.version}`])
  if (catalog.prefix) blocks.push([`prefix: ${scalar(catalog.prefix.text)}`])
  if (catalog.placeholders.length > 0) blocks.push(['placeholders:', ...catalog.placeholders.flatMap((placeholder) => placeholderLines(placeholder, INDENT))])
  const conventions = catalog.conventions && conventionLines(catalog.conventions, INDENT)
  if (conventions && conventions.length > 0) blocks.push(['conventions:', ...conventions])
  const prometheus = catalog.prometheus && prometheusDefaultLines(catalog.prometheus, INDENT)
  if (prometheus && prometheus.length > 0) blocks.push(['prometheus:', ...prometheus])
  blocks.push(catalog.metrics.length === 0 ? ['metrics: []'] : ['metrics:', ...catalog.metrics.flatMap((metric, i) => [...(i > 0 ? [''] : []), ...metricLines(metric, INDENT)])])
  return blocks.map((lines) => lines.join('\n')).join('\n\n') + '\n'
}
