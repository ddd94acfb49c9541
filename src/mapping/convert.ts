/**
 * Legacy text format → statsd_exporter YAML, keeping comment lines next to what they
 * described. Every value is double-quoted, so a glob such as `*.signup.*` never turns
 * into a YAML alias.
 */
import type {LoadDiagnostic, LoadDiagnosticCode, MappingConfig, Severity, SourceRange} from './model.js'
import type {LegacyBlock, LegacyComment, LegacyPair} from './legacy.js'
import {admitText} from './input.js'
import {legacyToRawConfig, looksLikeLegacy, parseLegacy} from './legacy.js'
import {resolveConfig} from './validate.js'
import {safeJson} from '../text/safe-json.js'

export interface ConvertResult {
  /**
   * Absent when the input is refused (see input.ts), is YAML already, or has syntax errors
   * (lines that are neither globs, pairs nor comments).
   */
  readonly yaml?: string
  /** Why the input was refused, syntax errors, and whatever statsd_exporter will also reject in the converted file. */
  readonly diagnostics: readonly LoadDiagnostic[]
  /** Set when the input is a YAML mapping config already: nothing to convert. */
  readonly alreadyYaml?: true
  /** What statsd_exporter loads from the YAML; absent when it would refuse it. */
  readonly config?: MappingConfig
}

/** How a YAML mapping config starts, when it does not read as the legacy format. */
const YAML_CONFIG_START = /^(---|mappings:|defaults:)/m

/**
 * A YAML double-quoted scalar: JSON's escapes, plus the characters YAML may not print raw
 * and those that would hide or reorder text in an editor (bidi controls).
 */
export function yamlQuote(text: string): string {
  return safeJson(JSON.stringify(text))
}

/** `out.push(...lines)` passes every line as an argument, and overflows the stack on a million comment lines. */
function append(out: string[], lines: readonly string[]): void {
  for (const line of lines) out.push(line)
}

function emitBlock(block: LegacyBlock, out: string[]): void {
  out.push(`- match: ${yamlQuote(block.match)}`)
  // `name` leads and the labels follow, whatever the order in the file; comments stay in front of what they preceded.
  let pending: LegacyComment[] = []
  const labelLines: string[] = []
  for (const entry of block.entries) {
    if (entry.kind === 'comment') {
      pending.push(entry)
      continue
    }
    const isName = entry.key === 'name'
    const indent = isName ? '  ' : '    '
    const lines = [...pending.map((comment) => `${indent}${comment.text}`), `${indent}${isName ? 'name' : entry.key}: ${yamlQuote(entry.value)}`]
    pending = []
    append(isName ? out : labelLines, lines)
  }
  const hasLabels = block.entries.some((entry): entry is LegacyPair => entry.kind === 'pair' && entry.key !== 'name')
  if (hasLabels) append(out, ['  labels:', ...labelLines])
  append(out, pending.map((comment) => `${hasLabels ? '    ' : '  '}${comment.text}`))
}

/** Converts a legacy file, refused as the loader refuses it when too large or not text. */
export function convertLegacyToYaml(input: string | Uint8Array, maxBytes?: number): ConvertResult {
  const diagnostics: LoadDiagnostic[] = []
  const report = (code: LoadDiagnosticCode, severity: Severity, message: string, range: SourceRange) => {
    diagnostics.push({code, severity, message, ...range})
  }
  const source = admitText(input, report, maxBytes)
  if (source === undefined) return {diagnostics}
  if (!looksLikeLegacy(source.text) && YAML_CONFIG_START.test(source.text)) return {diagnostics, alreadyYaml: true}
  const document = parseLegacy(source, report)
  const {config} = resolveConfig(legacyToRawConfig(document, source, report), 'legacy', report)
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column)
  if (diagnostics.some((d) => d.code === 'legacy-syntax')) return {diagnostics}

  const [first, ...rest] = document.blocks
  const out: string[] = []
  if (first === undefined) {
    out.push('mappings: []')
  } else {
    append(out, [...first.leadingComments, 'mappings:'])
    emitBlock(first, out)
    for (const block of rest) {
      append(out, ['', ...block.leadingComments])
      emitBlock(block, out)
    }
  }
  if (document.trailingComments.length > 0) append(out, ['', ...document.trailingComments])
  const loads = !diagnostics.some((d) => d.severity === 'error')
  return {yaml: `${out.join('\n')}\n`, diagnostics, ...(loads ? {config} : {})}
}
