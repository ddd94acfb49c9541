/**
 * re2js, a JavaScript port of Go's RE2 engine: it matches in time linear in the text, where
 * JavaScript's RegExp backtracks, so it runs every pattern a user gives against untrusted
 * names (regex rules, tail's --filter). Loaded on first use: it costs about 15 ms of
 * start-up, which a run without such patterns should not pay.
 */
import {createRequire} from 'node:module'

export type Re2js = typeof import('re2js')

let loaded: Re2js | undefined

export function re2js(): Re2js {
  loaded ??= createRequire(import.meta.url)('re2js') as Re2js
  return loaded
}
