/**
 * Which catalogue file a command reads: `--catalog FILE`, else `metrics.catalog.yml` in
 * the working directory, else the `catalog:` key of the metrics config file (a path
 * relative to that file). Only an explicitly named file has to exist here; reading it
 * reports a missing one.
 */
import {existsSync} from 'node:fs'
import {dirname, isAbsolute, join, relative, resolve} from 'node:path'
import {locateConfigFile, readConfigFile} from '../config/file.js'
import {UsageError} from '../errors.js'
import {visible} from '../text/visible.js'
import {CATALOG_FILE_NAME} from './format.js'

export interface CatalogLocation {
  /** The path to read; `-` is standard input. */
  readonly path: string
  /** The path as messages show it: as given, or relative to the working directory. */
  readonly display: string
}

export interface LocateOptions {
  /** `--catalog FILE`. */
  readonly catalog?: string
  /** `--config FILE`, the metrics config that may name the catalogue. */
  readonly config?: string
  readonly env: NodeJS.ProcessEnv
  readonly cwd: string
}

/** The config file's key that names the catalogue. */
export const CONFIG_KEY = 'catalog'

export function locateCatalog({catalog, config, env, cwd}: LocateOptions): CatalogLocation {
  if (catalog !== undefined) {
    if (catalog === '') throw new UsageError('--catalog: expected a file name, got ""')
    return {path: catalog, display: catalog === '-' ? '<stdin>' : catalog}
  }
  const inWorkingDirectory = join(cwd, CATALOG_FILE_NAME)
  if (existsSync(inWorkingDirectory)) return {path: inWorkingDirectory, display: CATALOG_FILE_NAME}
  const configPath = locateConfigFile(config, env, cwd)
  const named = configPath === undefined ? undefined : readConfigFile(configPath).document[CONFIG_KEY]
  if (named === undefined || named === null) {
    throw new UsageError(
      `no catalogue: there is no ${CATALOG_FILE_NAME} in ${visible(cwd)}${configPath === undefined ? '' : `, and ${visible(configPath)} has no ${CONFIG_KEY}: key`}`,
      `give --catalog FILE, or write one: metrics catalog import DOC -o ${CATALOG_FILE_NAME}`,
    )
  }
  if (typeof named !== 'string' || named === '') {
    throw new UsageError(`${visible(configPath ?? 'config file')} ${CONFIG_KEY}: expected the path of the catalogue file, got ${JSON.stringify(named)}`)
  }
  const path = resolve(dirname(resolve(cwd, configPath ?? '.')), named)
  const fromCwd = relative(cwd, path)
  return {path, display: fromCwd.startsWith('..') || isAbsolute(fromCwd) ? path : fromCwd}
}
