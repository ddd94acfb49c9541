/** Flags of `metrics catalog docs`, declared once as data (see src/flags/spec.ts). */
import {commonFlags} from '../../flags/common.js'
import type {FlagSpecs} from '../../flags/spec.js'
import {CATALOG_FILE_NAME} from '../format.js'

export const docsFlags = {
  ...commonFlags,
  catalog: {kind: 'string', helpValue: 'FILE', summary: `the catalogue [default ./${CATALOG_FILE_NAME}, else the config file's catalog: key]`},
  format: {kind: 'string', options: ['md', 'rst'], summary: 'Markdown or reStructuredText [default md; with --update, the page\'s own]'},
  'group-by': {kind: 'string', options: ['type', 'segment'], summary: 'one section per type (Counters, Gauges, …) or per first name segment [default type]'},
  output: {kind: 'string', char: 'o', helpValue: 'FILE', summary: 'write the page to FILE (atomically) instead of stdout'},
  update: {kind: 'string', helpValue: 'PAGE', summary: 'rewrite the region of PAGE between the metrics-catalog markers, and nothing else'},
  check: {kind: 'boolean', summary: 'with --update: write nothing, exit 1 and show the difference when PAGE is not what --update would make it'},
} as const satisfies FlagSpecs
