/**
 * Loads a statsd_exporter mapping config (YAML, or the legacy text format) the way
 * statsd_exporter's `--check-config` would, and says where each problem is. Never throws:
 * binary junk, oversized or deeply nested input, alias bombs and tabs all come back as
 * located diagnostics.
 */
import type {ConfigFormat, LoadDiagnosticCode, LoadResult} from './model.js'
import type {RawConfig} from './schema.js'
import {configDecoder, emptyConfig} from './schema.js'
import {legacyToRawConfig, looksLikeLegacy, parseLegacy} from './legacy.js'
import type {SourceText} from './source.js'
import {resolveConfig} from './validate.js'
import {Decoding} from './yaml-decode.js'
import type {InputKind} from './yaml-input.js'
import {DiagnosticList, parseYaml, readText} from './yaml-input.js'

export interface LoadOptions {
  /** `auto` (default) reads the legacy format when the text looks like it. */
  readonly format?: ConfigFormat | 'auto'
  /** Larger input is refused; the yaml parser needs about a second and 120 MB per MB. Default 4 MiB. */
  readonly maxBytes?: number
}

export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024

const MAPPING_CONFIG: InputKind = {
  plural: 'mapping configs',
  singular: 'a mapping config',
  laterDocuments: {severity: 'warning', message: 'only the first YAML document is read; statsd_exporter ignores the rest'},
}

type Diagnostics = DiagnosticList<LoadDiagnosticCode>

function decodeYaml(source: SourceText, diagnostics: Diagnostics): RawConfig | undefined {
  const document = parseYaml(source, MAPPING_CONFIG, diagnostics.add)
  if (document === undefined) return undefined
  if (document === null) return emptyConfig(source.range(0))
  const decoding = new Decoding<LoadDiagnosticCode>(document.tree, source, diagnostics.add)
  let raw: RawConfig | undefined
  const completed = decoding.run(() => {
    raw = decoding.decode(configDecoder, document.root)
  })
  return completed ? raw : undefined
}

function load(input: string | Uint8Array, options: LoadOptions, diagnostics: Diagnostics): LoadResult {
  const source = readText(input, options.maxBytes ?? DEFAULT_MAX_BYTES, MAPPING_CONFIG, diagnostics.add)
  if (source === undefined) return {diagnostics: diagnostics.sorted()}
  const format = options.format === undefined || options.format === 'auto' ? (looksLikeLegacy(source.text) ? 'legacy' : 'yaml') : options.format
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
  const diagnostics: Diagnostics = new DiagnosticList()
  try {
    return load(input, options, diagnostics)
  } catch (error) {
    // A parser bug must not take the command down with a stack trace; say what happened, where we know.
    diagnostics.add('input-rejected', 'error', `could not read the config: ${(error as Error).message}`, {line: 1, column: 1, endLine: 1, endColumn: 1})
    return {diagnostics: diagnostics.sorted()}
  }
}
