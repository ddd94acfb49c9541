/**
 * Reads a samples file: golden cases that pin down what the mapping config does with
 * given statsd names. The format (a YAML list) is documented in the README:
 *
 * ```yaml
 * - statsd: api.get.200           # the statsd metric name (required)
 *   type: counter                 # counter|gauge|observer or c|g|ms|h|d; default counter
 *   tags: {env: prod}             # labels the line carries as tags (optional)
 *   expect:                       # the series it must become…
 *     name: api_requests_total
 *     labels: {method: get}       # exact label set; leave out to check the name only
 * - statsd: debug.noise
 *   expect: drop                  # …or `drop` (a drop rule matched), or `unmapped`
 * ```
 *
 * Problems in the file itself are reported, never thrown; every case keeps its position.
 */
import {isMap, isScalar, isSeq, LineCounter, parseDocument} from 'yaml'
import type {Node, YAMLMap} from 'yaml'
import {admitNesting, admitText} from '../../mapping/input.js'
import type {MetricKind} from '../../mapping/model.js'
import type {Report} from '../../mapping/validate.js'
import {KIND_NAMES, parseKind} from '../kinds.js'

export type Expectation =
  | {readonly action: 'map'; readonly name: string; readonly labels: Readonly<Record<string, string>> | undefined}
  | {readonly action: 'drop'}
  | {readonly action: 'unmapped'}

export interface GoldenSample {
  readonly statsd: string
  readonly kind: MetricKind
  readonly tags: Readonly<Record<string, string>>
  readonly expect: Expectation
  readonly line: number
  readonly column: number
}

export interface SamplesProblem {
  readonly message: string
  readonly line: number
  readonly column: number
}

const KEYS = new Set(['statsd', 'type', 'tags', 'expect'])

export function parseSamples(input: string | Uint8Array): {samples: GoldenSample[]; problems: SamplesProblem[]} {
  const problems: SamplesProblem[] = []
  // The mapping config's guards: the yaml package takes seconds per megabyte, and recurses on nesting.
  const refuse: Report = (_code, _severity, message, {line, column}) => problems.push({message, line, column})
  const source = admitText(input, refuse)
  if (source === undefined || !admitNesting(source, refuse)) return {samples: [], problems}
  const lineCounter = new LineCounter()
  // failsafe: every scalar stays the string that was written (`code: 200`, `le: 1.0`).
  const doc = parseDocument(source.text, {lineCounter, schema: 'failsafe', uniqueKeys: true, prettyErrors: false})
  const positionAt = (offset: number) => {
    const {line, col} = lineCounter.linePos(offset)
    return {line: Math.max(line, 1), column: col}
  }
  const position = (node: Node | null | undefined) => positionAt(node?.range?.[0] ?? 0)
  const problem = (message: string, node: Node | null | undefined) => problems.push({message, ...position(node)})

  for (const error of doc.errors) problems.push({message: error.message.split('\n')[0], ...positionAt(error.pos[0])})
  if (doc.errors.length > 0) return {samples: [], problems}
  // A bare `---` gives an empty plain scalar, not null: an empty document all the same.
  const contents = doc.contents
  if (contents === null || (isScalar(contents) && contents.range[0] === contents.range[1])) return {samples: [], problems}
  if (!isSeq(contents)) {
    problem('A samples file is a YAML list of cases (- statsd: …).', contents)
    return {samples: [], problems}
  }

  const samples: GoldenSample[] = []
  for (const item of contents.items) {
    if (!isMap(item)) {
      problem('Each sample is a map with statsd: and expect:.', item as Node)
      continue
    }
    const sample = readSample(item, problem)
    if (sample) samples.push({...sample, ...position(item)})
  }
  return {samples, problems}
}

type NodeReport = (message: string, node: Node | null | undefined) => void

function readSample(item: YAMLMap, problem: NodeReport): Omit<GoldenSample, 'line' | 'column'> | undefined {
  const values = new Map<string, Node>()
  for (const pair of item.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    if (!KEYS.has(key)) problem(`Unknown key "${key}" in a sample; expected statsd, type, tags, expect.`, pair.key as Node)
    else values.set(key, pair.value as Node)
  }

  const statsdNode = values.get('statsd')
  const statsd = scalarText(statsdNode)
  if (statsd === undefined || statsd === '') {
    problem('A sample needs statsd: the statsd metric name.', statsdNode ?? item)
    return undefined
  }

  const typeNode = values.get('type')
  const typeText = typeNode === undefined ? 'counter' : scalarText(typeNode)
  const kind = typeText === undefined ? undefined : parseKind(typeText)
  if (kind === undefined) {
    problem(`type must be one of ${KIND_NAMES.join(', ')}.`, typeNode)
    return undefined
  }

  const tagsNode = values.get('tags')
  const tags = tagsNode === undefined ? {} : stringMap(tagsNode)
  if (tags === undefined) {
    problem('tags must be a map of tag names to values.', tagsNode)
    return undefined
  }

  const expectNode = values.get('expect')
  const expect = expectNode === undefined ? undefined : readExpectation(expectNode)
  if (expect === undefined) {
    problem('expect must be drop, unmapped, or a map with name: (and optionally labels:).', expectNode ?? item)
    return undefined
  }
  return {statsd, kind, tags, expect}
}

function readExpectation(node: Node): Expectation | undefined {
  const word = scalarText(node)
  if (word === 'drop' || word === 'unmapped') return {action: word}
  if (!isMap(node)) return undefined
  const fields = new Map(node.items.map((pair) => [isScalar(pair.key) ? String(pair.key.value) : '', pair.value as Node]))
  const name = scalarText(fields.get('name'))
  const labelsNode = fields.get('labels')
  const labels = labelsNode === undefined ? undefined : stringMap(labelsNode)
  const known = [...fields.keys()].every((k) => k === 'name' || k === 'labels')
  if (name === undefined || !known || (labelsNode !== undefined && labels === undefined)) return undefined
  return {action: 'map', name, labels}
}

function scalarText(node: Node | null | undefined): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined
}

/** A flat map of scalars; `{}` and an empty value both mean no entries. */
function stringMap(node: Node): Record<string, string> | undefined {
  if (isScalar(node) && node.value === '') return {}
  if (!isMap(node)) return undefined
  const out: Record<string, string> = {}
  for (const pair of node.items) {
    const key = scalarText(pair.key as Node)
    const value = scalarText(pair.value as Node) ?? (pair.value === null ? '' : undefined)
    if (key === undefined || value === undefined) return undefined
    out[key] = value
  }
  return out
}
