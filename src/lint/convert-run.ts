/**
 * `metrics convert`: a legacy (pre-0.5.0) mapping file to statsd_exporter YAML, with
 * whatever is wrong in it reported the way lint reports it.
 */
import {UsageError} from '../errors.js'
import {convertLegacyToYaml} from '../mapping/convert.js'
import {terminalText} from '../text/visible.js'
import {stylish} from './formatters/stylish.js'
import {lintLoaded} from './index.js'
import {displayPath, plural} from './result.js'
import {rules} from './rules/index.js'
import noMappings from './rules/no-mappings.js'

export interface ConvertRun {
  /** Absent when the legacy file has lines that are neither globs, pairs nor comments. */
  readonly yaml: string | undefined
  /** Problems found, in lint's stylish format ('' when none), for stderr. */
  readonly report: string
  /** Set when the run fails (exit 1). */
  readonly failure: string | undefined
}

/** What convert reports: what statsd_exporter would refuse, and a result that maps nothing (lint checks the rest). */
const convertRules = rules.filter((rule) => rule.stage === 'load' || rule === noMappings)

export function runConvert(path: string, bytes: Uint8Array, color: boolean): ConvertRun {
  const {yaml, diagnostics, alreadyYaml, config} = convertLegacyToYaml(bytes)
  if (alreadyYaml) throw new UsageError(`${terminalText(path)} is already a YAML mapping config`, `metrics lint ${terminalText(path)} checks it`)
  const result = lintLoaded(displayPath(path), {config, diagnostics}, convertRules)
  const report = stylish([result], {color})
  if (yaml === undefined) return {yaml, report, failure: `${terminalText(result.filePath)} is not a valid legacy mapping config; nothing converted`}
  const failure = result.errorCount > 0 ? `converted, but statsd_exporter will refuse the result: ${plural(result.errorCount, 'error')}` : undefined
  return {yaml, report, failure}
}
