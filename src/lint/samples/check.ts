/**
 * Checks golden samples against a loaded config. A case that maps otherwise than it
 * says is an error at the case's own line in the samples file, like a failing test.
 */
import type {MappingConfig} from '../../mapping/model.js'
import {createMapper} from '../../mapping/mapper.js'
import type {LintMessage, LintResult} from '../result.js'
import {toResult} from '../result.js'
import {interpolate} from '../rule.js'
import type {Resolution} from '../resolve.js'
import {formatSeries, resolveEvent} from '../resolve.js'
import type {Expectation} from './parse.js'
import {parseSamples} from './parse.js'
import {sampleMismatch, samplesFile} from './rules.js'

/**
 * Lints a samples file. Without a config (it did not load) only the file itself is
 * checked; the config's own errors already fail the run.
 */
export function lintSamples(filePath: string, input: string | Uint8Array, config: MappingConfig | undefined): LintResult {
  const {samples, problems} = parseSamples(input)
  const messages: LintMessage[] = problems.map((p) => ({
    ruleId: samplesFile.id,
    severity: samplesFile.severity,
    message: interpolate(samplesFile.messages.invalid, {message: p.message}),
    line: p.line,
    column: p.column,
  }))
  // An empty file passes every check, like an empty config: say that it checked nothing.
  if (samples.length === 0 && problems.length === 0) {
    messages.push({ruleId: samplesFile.id, severity: 'warning', message: samplesFile.messages.empty, line: 1, column: 1})
  }
  if (config !== undefined) {
    const mapper = createMapper(config, {cacheSize: 0})
    for (const sample of samples) {
      const actual = resolveEvent(mapper, sample.statsd, sample.kind, sample.tags)
      if (satisfies(actual, sample.expect)) continue
      messages.push({
        ruleId: sampleMismatch.id,
        severity: sampleMismatch.severity,
        message: interpolate(sampleMismatch.messages.mismatch, {
          statsd: sample.statsd,
          kind: sample.kind,
          expected: describeExpectation(sample.expect),
          actual: describeResolution(actual),
        }),
        line: sample.line,
        column: sample.column,
      })
    }
  }
  return toResult(filePath, messages)
}

function satisfies(actual: Resolution, expected: Expectation): boolean {
  if (actual.action !== expected.action) return false
  if (actual.action !== 'map' || expected.action !== 'map') return true
  return actual.name === expected.name && (expected.labels === undefined || sameLabels(actual.labels, expected.labels))
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key])
}

function describeExpectation(expected: Expectation): string {
  if (expected.action !== 'map') return expected.action
  return expected.labels === undefined ? expected.name : formatSeries(expected.name, expected.labels)
}

function describeResolution(actual: Resolution): string {
  switch (actual.action) {
    case 'map': return `${formatSeries(actual.name, actual.labels)} (mapping at line ${actual.mapping.range.line})`
    case 'drop': return `drop (mapping at line ${actual.mapping.range.line})`
    case 'unmapped': return `unmapped (${formatSeries(actual.name, actual.labels)})`
  }
}
