/**
 * Reading untrusted YAML text into a DocTree, for every loader that reports where things
 * are (mapping configs, the metric catalogue). Never throws on bad input: a file too
 * large, not UTF-8, with control characters, nested deeper than the yaml parser can take,
 * or not YAML comes back as located diagnostics, through `report`.
 */
import {isUtf8} from 'node:buffer'
import {createRequire} from 'node:module'
import type {Document, Node as YamlNode} from 'yaml'
import type {Severity, SourceRange} from './model.js'
import {SourceText} from './source.js'
import {readBlockYaml} from './yaml-block.js'
import type {DocNode} from './yaml-decode.js'
import {DocTree} from './yaml-decode.js'

export type InputCode = 'input-rejected' | 'yaml-syntax'
export type InputReport = (code: InputCode, severity: Severity, message: string, range: SourceRange) => void

/** How messages name what is being read, and what becomes of YAML documents after the first. */
export interface InputKind {
  /** `mapping configs`: "… larger than 4.0 MiB are refused". */
  readonly plural: string
  /** `a mapping config`: "… is UTF-8 text". */
  readonly singular: string
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

/** go-yaml's is_printable, plus the BOM it skips. */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u
const MAX_FLOW_DEPTH = 256
const MAX_INDENT = 1024
const MAX_INDICATOR_CHAIN = 256

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


/**
 * The input as text, or undefined after reporting why it is refused: larger than
 * `maxBytes`, not UTF-8, or holding control characters.
 */
export function readText(input: string | Uint8Array, maxBytes: number, kind: InputKind, report: InputReport): SourceText | undefined {
  const size = typeof input === 'string' ? input.length : input.byteLength
  if (size > maxBytes) {
    const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`
    report('input-rejected', 'error', `the file is ${megabytes(size)}; ${kind.plural} larger than ${megabytes(maxBytes)} are refused`, {line: 1, column: 1, endLine: 1, endColumn: 1})
    return undefined
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
      report('yaml-syntax', 'error', `yaml: invalid UTF-8 byte sequence; ${kind.singular} is UTF-8 text`, new SourceText(text).range(offset, offset + 1))
      return undefined
    }
  }
  const source = new SourceText(text)
  const unprintable = NOT_PRINTABLE.exec(text)
  if (unprintable) {
    report('yaml-syntax', 'error', 'yaml: control characters are not allowed', source.range(unprintable.index, unprintable.index + 1))
    return undefined
  }
  return source
}

/**
 * The first YAML document as a DocTree (null when the text holds none), or undefined
 * after reporting why not. Plain block YAML goes through the fast block reader; the
 * rest through the yaml package (schema failsafe: every scalar is text, with its style
 * and tag, for the decoders to read).
 */
export function parseYaml(source: SourceText, kind: InputKind, report: InputReport): YamlDocument | null | undefined {
  const nesting = excessiveNesting(source.text)
  if (nesting) {
    report('input-rejected', 'error', `yaml: ${nesting.message}; refusing to parse`, source.range(nesting.offset, nesting.offset + 1))
    return undefined
  }
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
