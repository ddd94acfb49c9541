/**
 * Loads a statsd_exporter mapping config (YAML, or the legacy text format) the way
 * statsd_exporter's `--check-config` would, and says where each problem is. Never throws:
 * binary junk, oversized or deeply nested input, alias bombs and tabs all come back as
 * located diagnostics.
 */
import {isUtf8} from 'node:buffer'
import {createRequire} from 'node:module'
import type {Document, Node as YamlNode} from 'yaml'
import type {ConfigFormat, LoadDiagnostic, LoadDiagnosticCode, LoadResult, Severity, SourceRange} from './model.js'
import type {RawConfig} from './schema.js'
import {configDecoder, emptyConfig} from './schema.js'
import {legacyToRawConfig, looksLikeLegacy, parseLegacy} from './legacy.js'
import {SourceText} from './source.js'
import {resolveConfig} from './validate.js'
import {readBlockYaml} from './yaml-block.js'
import type {DocNode} from './yaml-decode.js'
import {Decoding, DocTree} from './yaml-decode.js'

export interface LoadOptions {
  /** `auto` (default) reads the legacy format when the text looks like it. */
  readonly format?: ConfigFormat | 'auto'
  /** Larger input is refused; the yaml parser needs about a second and 120 MB per MB. Default 4 MiB. */
  readonly maxBytes?: number
}

export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024

/** go-yaml's is_printable, plus the BOM it skips. */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u
const MAX_FLOW_DEPTH = 256
const MAX_INDENT = 1024
const MAX_INDICATOR_CHAIN = 256

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

/** Offset of the first byte that is not valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    if (extra < 0 || i + extra >= bytes.length) return i
    for (let k = 1; k <= extra; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i
    const code = extra === 2 ? ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) : extra === 3 ? ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) : 0x80
    if ((extra === 2 && (code < 0x800 || (code >= 0xd800 && code <= 0xdfff))) || (extra === 3 && (code < 0x10000 || code > 0x10ffff))) return i
    i += extra + 1
  }
  return -1
}

const SPACE = 0x20
const NEWLINE = 0x0a
const DOUBLE_QUOTE = 0x22
const SINGLE_QUOTE = 0x27
/** What may come right before a token: whitespace, `[`, `{`, `,` or `:`. */
const TOKEN_BOUNDARY = /[\s[{,:]/

/**
 * Where the text nests deeper than the yaml parser can take, or undefined. It reads every
 * character of the text, so it compares char codes rather than one-character strings.
 */
function excessiveNesting(text: string): {offset: number; message: string} | undefined {
  let flow = 0
  /** The char code of the quote a quoted scalar opened with, 0 outside one. */
  let quote = 0
  let lineStart = true
  let indent = 0
  let chain = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === NEWLINE) {
      lineStart = true
      indent = 0
      chain = 0
      continue
    }
    if (quote !== 0) {
      if (quote === DOUBLE_QUOTE && c === 0x5c /* \ */) i++
      else if (c === quote) quote = 0
      continue
    }
    if (lineStart && flow === 0) {
      if (c === SPACE) {
        if (++indent > MAX_INDENT) return {offset: i, message: `indentation deeper than ${MAX_INDENT} columns`}
        continue
      }
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : NEWLINE
      if ((c === 0x2d /* - */ || c === 0x3f /* ? */ || c === 0x3a /* : */) && (next === SPACE || next === NEWLINE)) {
        if (++chain > MAX_INDICATOR_CHAIN) return {offset: i, message: `more than ${MAX_INDICATOR_CHAIN} nested block indicators on one line`}
        continue
      }
    }
    lineStart = lineStart && c === SPACE
    if (c === 0x23 /* # */ || c === DOUBLE_QUOTE || c === SINGLE_QUOTE || c === 0x5b /* [ */ || c === 0x7b /* { */) {
      // Only these characters care whether a token starts here; testing every character costs.
      if (i > 0 && !TOKEN_BOUNDARY.test(text[i - 1])) continue
      if (c === 0x23) {
        const end = text.indexOf('\n', i)
        i = end === -1 ? text.length : end - 1
      } else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
        quote = c
      } else if (++flow > MAX_FLOW_DEPTH) {
        return {offset: i, message: `flow collections nested deeper than ${MAX_FLOW_DEPTH}`}
      }
    } else if ((c === 0x5d /* ] */ || c === 0x7d /* } */) && flow > 0) {
      flow--
    }
  }
  return undefined
}

/** The first line of a yaml package error, without its own "at line x, column y" (the diagnostic has the position). */
function yamlMessage(message: string): string {
  return `yaml: ${message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`
}

function decodeYaml(source: SourceText, diagnostics: Diagnostics): RawConfig | undefined {
  const nesting = excessiveNesting(source.text)
  if (nesting) {
    diagnostics.add('input-rejected', 'error', `yaml: ${nesting.message}; refusing to parse`, source.range(nesting.offset, nesting.offset + 1))
    return undefined
  }
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
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const size = typeof input === 'string' ? input.length : input.byteLength
  if (size > maxBytes) {
    const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`
    diagnostics.add('input-rejected', 'error', `the file is ${megabytes(size)}; mapping configs larger than ${megabytes(maxBytes)} are refused`, {line: 1, column: 1, endLine: 1, endColumn: 1})
    return {diagnostics: diagnostics.sorted()}
  }
  let text: string
  if (typeof input === 'string') {
    text = input
  } else {
    // isUtf8 is native; the byte-by-byte search runs only to say where the text went wrong.
    const invalid = isUtf8(input) ? -1 : firstInvalidUtf8(input)
    text = new TextDecoder('utf-8').decode(input)
    if (invalid >= 0) {
      const offset = new TextDecoder('utf-8').decode(input.subarray(0, invalid)).length
      diagnostics.add('yaml-syntax', 'error', 'yaml: invalid UTF-8 byte sequence; a mapping config is UTF-8 text', new SourceText(text).range(offset, offset + 1))
      return {diagnostics: diagnostics.sorted()}
    }
  }
  const source = new SourceText(text)
  const unprintable = NOT_PRINTABLE.exec(text)
  if (unprintable) {
    diagnostics.add('yaml-syntax', 'error', 'yaml: control characters are not allowed', source.range(unprintable.index, unprintable.index + 1))
    return {diagnostics: diagnostics.sorted()}
  }
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
