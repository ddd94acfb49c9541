/**
 * Parsing admitted YAML text into a DocTree, for every loader that reports where things
 * are (mapping configs, the metric catalogue). Never throws on bad input: text nested
 * deeper than the yaml parser can take, or not YAML, comes back as located diagnostics,
 * through `report`. Admitting the text (size, UTF-8, control characters) is input.ts's.
 */
import {createRequire} from 'node:module'
import type {Document, Node as YamlNode} from 'yaml'
import type {InputReport} from './input.js'
import {admitNesting} from './input.js'
import type {Severity, SourceRange} from './model.js'
import type {SourceText} from './source.js'
import {readBlockYaml} from './yaml-block.js'
import type {DocNode} from './yaml-decode.js'
import {DocTree} from './yaml-decode.js'

/** What becomes of YAML documents after the first: each loader says how bad they are, and why. */
export interface InputKind {
  readonly laterDocuments: {readonly severity: Severity; readonly message: string}
}

/** A loader's diagnostic: what is wrong (`code`, `message`), how bad, and where. */
export interface Diagnostic<Code extends string> extends SourceRange {
  readonly code: Code
  readonly severity: Severity
  readonly message: string
}

/** Diagnostics as a loader collects them: `add` is handed to decoders as their report function. */
export class DiagnosticList<Code extends string> {
  readonly list: Diagnostic<Code>[] = []

  add = (code: Code, severity: Severity, message: string, range: SourceRange): void => {
    this.list.push({code, severity, message, ...range})
  }

  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error')
  }

  sorted(): Diagnostic<Code>[] {
    return [...this.list].sort((a, b) => a.line - b.line || a.column - b.column)
  }
}

export interface YamlDocument {
  readonly tree: DocTree
  readonly root: DocNode
}

/** The first line of a yaml package error, without its own "at line x, column y" (the diagnostic has the position). */
function yamlMessage(message: string): string {
  return `yaml: ${message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`
}

/**
 * The first YAML document as a DocTree (null when the text holds none), or undefined
 * after reporting why not. Plain block YAML goes through the fast block reader; the
 * rest through the yaml package (schema failsafe: every scalar is text, with its style
 * and tag, for the decoders to read).
 */
export function parseYaml(source: SourceText, kind: InputKind, report: InputReport): YamlDocument | null | undefined {
  if (!admitNesting(source, report)) return undefined
  return readBlockYaml(source.text) ?? parseDocument(source, kind, report)
}

type YamlPackage = typeof import('yaml')

/**
 * The yaml package, loaded only for text the block reader leaves to it: loading it costs
 * more start-up time than `metrics lint` spends reading a typical config.
 */
function yamlPackage(): YamlPackage {
  return createRequire(import.meta.url)('yaml') as YamlPackage
}

/** The first document with the yaml package (null when empty), or undefined after reporting its errors. */
function parseDocument(source: SourceText, kind: InputKind, report: InputReport): YamlDocument | null | undefined {
  const yaml = yamlPackage()
  const documents = yaml.parseAllDocuments(source.text, {schema: 'failsafe', uniqueKeys: false, prettyErrors: false})
  const [document, ...ignored] = documents as Document.Parsed[]
  if (document === undefined) return null
  for (const error of document.errors) {
    report('yaml-syntax', 'error', yamlMessage(error.message), source.range(error.pos[0], error.pos[1]))
  }
  if (ignored.length > 0) {
    const start = ignored[0].range[0]
    report('yaml-syntax', kind.laterDocuments.severity, `yaml: ${kind.laterDocuments.message}`, source.range(start, start + 3))
  }
  if (document.errors.length > 0) return undefined
  if (document.contents === null) return null
  const tree = new DocTree(source.text)
  return {tree, root: addYamlNode(yaml, tree, document.contents)}
}

/** Adds the yaml package's node to `tree`, in document order; aliases stay aliases, for the decoders to follow. */
function addYamlNode(yaml: YamlPackage, tree: DocTree, node: YamlNode): DocNode {
  const [start, end] = node.range ?? [0, 0]
  if (yaml.isAlias(node)) return tree.addAlias(node.source, start, end)
  if (yaml.isScalar(node)) {
    const scalar = tree.addScalar(node.type, start, end, typeof node.value === 'string' ? node.value : String(node.value ?? ''))
    if (node.tag !== undefined) tree.setTag(scalar, node.tag)
    if (node.anchor) tree.setAnchor(scalar, node.anchor)
    return scalar
  }
  const collection = tree.open(yaml.isMap(node) ? 'map' : 'seq', start)
  if (node.anchor) tree.setAnchor(collection, node.anchor)
  const child = (item: unknown): DocNode | null => (yaml.isNode(item) ? addYamlNode(yaml, tree, item) : null)
  // A parsed list holds nodes only: the yaml package wraps the pair in `[a: b]` in a map.
  const children = yaml.isMap(node) ? node.items.flatMap((pair) => [child(pair.key), child(pair.value)]) : node.items.map((item) => addYamlNode(yaml, tree, item as YamlNode))
  tree.close(collection, end, children)
  return collection
}
