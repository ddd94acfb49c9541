/**
 * `metrics map` from flags to rows, with reading injected (see run.ts for lint).
 */
import {UsageError} from '../errors.js'
import {loadMappingConfig} from '../mapping/load.js'
import type {MappingConfig} from '../mapping/model.js'
import {terminalText} from '../text/visible.js'
import {parseKind} from './kinds.js'
import type {MapRow} from './map-names.js'
import {mapNames} from './map-names.js'
import {displayPath} from './result.js'

export interface MapFlags {
  readonly config?: string
  readonly type?: string
  readonly explain?: boolean
}

/** Reads a file, or stdin for `-`. */
export type ReadInput = (path: string) => Promise<Uint8Array>

/** A config the command cannot do without: the first error stops it (exit 2), lint shows the rest. */
export function loadConfigOrFail(path: string, bytes: Uint8Array): MappingConfig {
  const load = loadMappingConfig(bytes)
  if (load.config) return load.config
  const first = load.diagnostics.find((d) => d.severity === 'error')
  // terminalText, as lint prints them: visible() would double the backslashes of a quoted regex.
  const file = terminalText(displayPath(path))
  const where = first ? `${file}:${first.line}:${first.column}: ${terminalText(first.message)}` : file
  throw new UsageError(`mapping config does not load: ${where}`, `metrics lint ${terminalText(path)} lists every problem`)
}

/**
 * An empty config loads (lint warns: no-mappings), and every name then comes out unmapped:
 * said once on stderr, so that a wrong --config is not read as a config that maps nothing.
 */
export function noMappingsWarning(path: string): string {
  return `warning: ${terminalText(displayPath(path))} has no mappings; every name is unmapped\n`
}

export interface MapRun {
  readonly rows: MapRow[]
  /** For stderr, each ending in a newline. */
  readonly warnings: readonly string[]
}

export async function runMap(names: readonly string[], flags: MapFlags, read: ReadInput): Promise<MapRun> {
  if (flags.config === undefined) throw new UsageError('--config FILE is required: the mapping config to map with')
  const fromStdin = names.length === 0 || (names.length === 1 && names[0] === '-')
  if (fromStdin && flags.config === '-') throw new UsageError('stdin cannot hold both the config (--config -) and the names')
  // The flag's allowed values are checked by oclif.
  const kind = parseKind(flags.type ?? 'counter') ?? 'counter'
  const config = loadConfigOrFail(flags.config, await read(flags.config))
  const list = fromStdin ? new TextDecoder('utf-8').decode(await read('-')).split('\n').map((line) => line.replace(/\r$/, '')).filter((line) => line !== '') : names
  // Nothing to map is a mistake (a pipe that produced nothing, a forgotten argument), not an empty answer.
  if (list.length === 0) throw new UsageError('no names given: pass NAME… or names on stdin, one per line')
  return {rows: mapNames(config, list, kind, flags.explain === true), warnings: config.mappings.length === 0 ? [noMappingsWarning(flags.config)] : []}
}
