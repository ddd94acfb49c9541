/**
 * Which catalogue file a command reads or writes: `--catalog FILE` (import's `-o FILE`),
 * else `metrics.catalog.yml` in the working directory, else the `catalog:` key of the
 * metrics config file (a path relative to that file). Every catalogue command finds it
 * here, so that `catalog import` writes the file `catalog check` then reads. Only an
 * explicitly named file has to exist here; reading it reports a missing one.
 */
import {existsSync} from 'node:fs'
import {dirname, isAbsolute, join, relative, resolve} from 'node:path'
import {locateConfigFile, readConfigFile, resolveFromConfig} from '../config/file.js'
import {UsageError} from '../errors.js'
import {terminalText} from '../text/visible.js'
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

/** The catalogue named or found, or, when there is none to find, the config file that was looked in. */
function search({catalog, config, env, cwd}: LocateOptions): {readonly found: CatalogLocation} | {readonly configPath: string | undefined} {
  if (catalog !== undefined) {
    if (catalog === '') throw new UsageError('--catalog: expected a file name, got ""')
    return {found: {path: catalog, display: catalog === '-' ? '<stdin>' : catalog}}
  }
  const inWorkingDirectory = join(cwd, CATALOG_FILE_NAME)
  if (existsSync(inWorkingDirectory)) return {found: {path: inWorkingDirectory, display: CATALOG_FILE_NAME}}
  const configPath = locateConfigFile(config, env, cwd)
  const configFile = readConfigFile(configPath)
  const named = configFile.document[CONFIG_KEY]
  if (configPath === undefined || named === undefined || named === null) return {configPath}
  // Named as the config readers name a value (`FILE catalog: …`), so the message gets the key's line and column.
  const path = resolveFromConfig(configFile, () => {
    if (typeof named !== 'string' || named === '') throw new UsageError(`${configPath} ${CONFIG_KEY}: expected the path of the catalogue file, got ${JSON.stringify(named)}`)
    return resolve(dirname(resolve(cwd, configPath)), named)
  })
  const fromCwd = relative(cwd, path)
  return {found: {path, display: fromCwd.startsWith('..') || isAbsolute(fromCwd) ? path : fromCwd}}
}

/** The catalogue to read; none to be found is exit 2, with where it was looked for. */
export function locateCatalog(options: LocateOptions): CatalogLocation {
  const result = search(options)
  if ('found' in result) return result.found
  const {configPath} = result
  throw new UsageError(
    `no catalogue: there is no ${CATALOG_FILE_NAME} in ${terminalText(options.cwd)}${configPath === undefined ? '' : `, and ${terminalText(configPath)} has no ${CONFIG_KEY}: key`}`,
    `give --catalog FILE, or write one: metrics catalog import DOC`,
  )
}

/**
 * The catalogue to write (`catalog import`): the one the other commands would read, or
 * `metrics.catalog.yml` in the working directory when there is none to find yet.
 */
export function catalogTarget(options: LocateOptions): CatalogLocation {
  const result = search(options)
  return 'found' in result ? result.found : {path: join(options.cwd, CATALOG_FILE_NAME), display: CATALOG_FILE_NAME}
}
