/**
 * Loads a statsd_exporter mapping config (YAML, or the legacy text format) the way
 * statsd_exporter's `--check-config` would, and says where each problem is. Never throws:
 * binary junk, oversized or deeply nested input, alias bombs and tabs all come back as
 * located diagnostics.
 */
import {createRequire} from 'node:module'
import type {Document, Node as YamlNode} from 'yaml'
import type {ConfigFormat, LoadDiagnostic, LoadDiagnosticCode, LoadResult, Severity, SourceRange} from './model.js'
import type {RawConfig} from './schema.js'
import {configDecoder, emptyConfig} from './schema.js'
import {admitNesting, admitText} from './input.js'
import {legacyToRawConfig, looksLikeLegacy, parseLegacy} from './legacy.js'
import {SourceText} from './source.js'
import {resolveConfig} from './validate.js'
import {readBlockYaml} from './yaml-block.js'
import type {DocNode} from './yaml-decode.js'
import {Decoding, DocTree} from './yaml-decode.js'

export interface LoadOptions {
  /** `auto` (default) reads the legacy format when the text looks like it. */
  readonly format?: ConfigFormat | 'auto'
  /** Larger input is refused (see input.ts). Default 4 MiB. */
  readonly maxBytes?: number
}

class Diagnostics {
  readonly list: LoadDiagnostic[] = []

  add = (code: LoadDiagnosticCode, severity: Severity, message: string, range: SourceRange): void => {
    this.list.push({code, severity, message, ...range})
  }

  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error')
  }

  sorted(): LoadDiagnostic[] {
    return [...this.list].sort((a, b) => a.line - b.line || a.column - b.column)
  }
}

/** The first line of a yaml package error, without its own "at line x, column y" (the diagnostic has the position). */
function yamlMessage(message: string): string {
  return `yaml: ${message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`
}

function decodeYaml(source: SourceText, diagnostics: Diagnostics): RawConfig | undefined {
  if (!admitNesting(source, diagnostics.add)) return undefined
  const document = readBlockYaml(source.text) ?? parseDocument(source, diagnostics)
  if (document === undefined) return undefined
  if (document === null) return emptyConfig(source.range(0))
  const decoding = new Decoding(document.tree, source, diagnostics.add)
  let raw: RawConfig | undefined
  const completed = decoding.run(() => {
    raw = decoding.decode(configDecoder, document.root)
  })
  return completed ? raw : undefined
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
function parseDocument(source: SourceText, diagnostics: Diagnostics): {tree: DocTree; root: DocNode} | null | undefined {
  const yaml = yamlPackage()
  const documents = yaml.parseAllDocuments(source.text, {schema: 'failsafe', uniqueKeys: false, prettyErrors: false})
  const [document, ...ignored] = documents as Document.Parsed[]
  if (document === undefined) return null
  for (const error of document.errors) {
    diagnostics.add('yaml-syntax', 'error', yamlMessage(error.message), source.range(error.pos[0], error.pos[1]))
  }
  if (ignored.length > 0) {
    const start = ignored[0].range[0]
    diagnostics.add('yaml-syntax', 'warning', 'yaml: only the first YAML document is read; statsd_exporter ignores the rest', source.range(start, start + 3))
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

function load(input: string | Uint8Array, options: LoadOptions, diagnostics: Diagnostics): LoadResult {
  const source = admitText(input, diagnostics.add, options.maxBytes)
  if (source === undefined) return {diagnostics: diagnostics.sorted()}
  const {text} = source
  const format = options.format === undefined || options.format === 'auto' ? (looksLikeLegacy(text) ? 'legacy' : 'yaml') : options.format
  const raw = format === 'legacy' ? legacyToRawConfig(parseLegacy(source, diagnostics.add), source, diagnostics.add) : decodeYaml(source, diagnostics)
  if (raw === undefined) return {diagnostics: diagnostics.sorted()}
  const {config, valid} = resolveConfig(raw, format, diagnostics.add)
  if (!diagnostics.hasErrors) return {config, diagnostics: diagnostics.sorted()}
  return {partial: {...config, mappings: valid}, diagnostics: diagnostics.sorted()}
}

/**
 * Reads a mapping config. `config` is present exactly when statsd_exporter would load
 * the file (no error-level diagnostic); otherwise `partial` holds what could still be
 * read, when the file is YAML (or legacy text) at all.
 */
export function loadMappingConfig(input: string | Uint8Array, options: LoadOptions = {}): LoadResult {
  const diagnostics = new Diagnostics()
  try {
    return load(input, options, diagnostics)
  } catch (error) {
    // A parser bug must not take the command down with a stack trace; say what happened, where we know.
    diagnostics.add('input-rejected', 'error', `could not read the config: ${(error as Error).message}`, {line: 1, column: 1, endLine: 1, endColumn: 1})
    return {diagnostics: diagnostics.sorted()}
  }
}
