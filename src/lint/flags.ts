/**
 * Flags of `metrics lint`, `metrics map` and `metrics convert`, declared once as data
 * (see src/flags/spec.ts).
 */
import {commonFlags} from '../flags/common.js'
import type {FlagSpecs} from '../flags/spec.js'
import {FORMAT_NAMES} from './formatters/index.js'
import {KIND_NAMES} from './kinds.js'

/** How a command that reports through the lint formatters reports: `metrics lint`, `metrics catalog check`. */
export const reportFlags = {
  format: {kind: 'string', char: 'f', options: FORMAT_NAMES, summary: 'output format [default stylish, or github when GITHUB_ACTIONS=true]'},
  'max-warnings': {kind: 'string', helpValue: 'N', summary: 'fail (exit 1) when there are more than N warnings'},
  quiet: {kind: 'boolean', char: 'q', summary: 'report errors only'},
} as const satisfies FlagSpecs

export const lintFlags = {
  ...commonFlags,
  format: reportFlags.format,
  samples: {kind: 'string', helpValue: 'FILE', summary: 'golden cases (statsd name → expected series, drop or unmapped) to check the config against'},
  'max-warnings': reportFlags['max-warnings'],
  quiet: reportFlags.quiet,
} as const satisfies FlagSpecs

/** `map --config` names the mapping config; it replaces the global --config here. */
const mappingConfig = {kind: 'string', char: 'c', helpValue: 'FILE', summary: 'statsd_exporter mapping config, YAML or the legacy text format (required)'} as const

export const mapFlags = {
  config: mappingConfig,
  type: {kind: 'string', char: 't', options: KIND_NAMES, summary: 'event type: counter|gauge|observer, or the statsd letters c|g|ms|h|d [default counter]'},
  explain: {kind: 'boolean', char: 'e', summary: 'name the rule that matched, or for an unmatched name the nearest rules and where each failed'},
} as const satisfies FlagSpecs

export const convertFlags = {
  ...commonFlags,
  output: {kind: 'string', char: 'o', helpValue: 'FILE', summary: 'write the YAML to FILE (atomically) instead of stdout'},
} as const satisfies FlagSpecs
