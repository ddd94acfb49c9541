/**
 * Flags of the `catalog` commands, declared once as data (see src/flags/spec.ts).
 */
import {commonFlags} from '../flags/common.js'
import type {FlagSpecs} from '../flags/spec.js'
import {reportFlags} from '../lint/flags.js'

/** `--catalog FILE`, for every command that reads the catalogue. */
export const catalogFlag = {
  kind: 'string',
  helpValue: 'FILE',
  summary: 'the catalogue; - reads stdin [default ./metrics.catalog.yml, else catalog: in the metrics config]',
} as const

export const checkFlags = {
  ...commonFlags,
  catalog: catalogFlag,
  ...reportFlags,
} as const satisfies FlagSpecs

export const diffFlags = {
  ...commonFlags,
  'allow-breaking': {kind: 'boolean', summary: 'exit 0 even when changes are breaking (they are still reported as errors)'},
  format: reportFlags.format,
} as const satisfies FlagSpecs

export const schemaFlags = {
  ...commonFlags,
  path: {kind: 'boolean', summary: 'print where the installed schema file is, for an editor setting, instead of the schema'},
} as const satisfies FlagSpecs
