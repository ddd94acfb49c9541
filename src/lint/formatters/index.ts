/**
 * Formatters turn lint results into text. Each is a pure function (no I/O, no
 * environment sniffing): the command decides about colour and passes it in.
 */
import type {LintResult} from '../result.js'
import type {FormatterContext} from './context.js'
import {github} from './github.js'
import {json} from './json.js'
import {sarif} from './sarif.js'
import {stylish} from './stylish.js'

export type Formatter = (results: readonly LintResult[], context: FormatterContext) => string

export const formatters = {stylish, json, github, sarif} as const satisfies Record<string, Formatter>

export type FormatName = keyof typeof formatters

export const FORMAT_NAMES = Object.keys(formatters) as FormatName[]
