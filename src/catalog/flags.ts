/**
 * Flags of the `catalog` commands, declared once as data (see src/flags/spec.ts).
 */
import {commonFlags} from '../flags/common.js'
import type {FlagSpecs} from '../flags/spec.js'
import {reportFlags} from '../lint/flags.js'
import {CATALOG_FILE_NAME} from './format.js'

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

export const importFlags = {
  ...commonFlags,
  output: {kind: 'string', char: 'o', helpValue: 'FILE', summary: `the catalogue to write (atomically) [default: the one the catalog commands find, else ./${CATALOG_FILE_NAME}]; - writes it to stdout`},
  format: {kind: 'string', options: ['auto', 'rst', 'md'], summary: 'the format of the docs: rst, md, or auto (by extension, then content) [default auto]'},
  merge: {kind: 'boolean', summary: 'merge into the existing catalogue: the docs update names, types, tags and sources; text written by hand wins'},
  force: {kind: 'boolean', summary: 'replace an existing catalogue'},
} as const satisfies FlagSpecs

export const docsFlags = {
  ...commonFlags,
  catalog: catalogFlag,
  format: {kind: 'string', options: ['md', 'rst'], summary: 'Markdown or reStructuredText [default md; with --update, the page\'s own]'},
  'group-by': {kind: 'string', options: ['type', 'segment'], summary: 'one section per type (Counters, Gauges, …) or per first name segment [default type]'},
  output: {kind: 'string', char: 'o', helpValue: 'FILE', summary: 'write the page to FILE (atomically) instead of stdout'},
  update: {kind: 'string', helpValue: 'PAGE', summary: 'rewrite the region of PAGE between the metrics-catalog markers, and nothing else'},
  check: {kind: 'boolean', summary: 'with --update: write nothing, exit 1 and show the difference when PAGE is not what --update would make it'},
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
