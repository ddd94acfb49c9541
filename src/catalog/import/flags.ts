/** Flags of `metrics catalog import`, declared once as data (see src/flags/spec.ts). */
import {commonFlags} from '../../flags/common.js'
import type {FlagSpecs} from '../../flags/spec.js'
import {CATALOG_FILE_NAME} from '../format.js'

export const importFlags = {
  ...commonFlags,
  output: {kind: 'string', char: 'o', helpValue: 'FILE', summary: `the catalogue to write (atomically) [default ${CATALOG_FILE_NAME}]; - writes it to stdout`},
  format: {kind: 'string', options: ['auto', 'rst', 'md'], summary: 'the format of the docs: rst, md, or auto (by extension, then content) [default auto]'},
  merge: {kind: 'boolean', summary: 'merge into the existing catalogue: the docs update names, types, tags and sources; text written by hand wins'},
  force: {kind: 'boolean', summary: 'replace an existing catalogue'},
} as const satisfies FlagSpecs
