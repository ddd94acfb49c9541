import {isUtf8} from 'node:buffer'
import {closeSync, existsSync, openSync, readSync} from 'node:fs'
import {extname, join} from 'node:path'
import {MetricsError, UsageError} from '../errors.js'
import {nearest} from '../text/nearest.js'
import {describeError} from '../text/system-error.js'
import {CONFIG_SECTIONS, findUnknownKey, formatConfigPath, parseConfigPath, type ConfigPath, type UnknownKey} from './schema.js'
import {findDuplicateKey, parseYamlTree, yamlLocator, type Locate, type Position} from './yaml-tree.js'

/** The parsed config file, or an empty object when there is none. Keys are checked on reading (schema.ts), values by their users. */
export type ConfigDocument = Readonly<Record<string, unknown>>

export interface ConfigFile {
  readonly path?: string
  readonly document: ConfigDocument
  /** Absent when there is no file. */
  readonly locate?: Locate
}

const DISCOVERED = ['metrics.config.yaml', 'metrics.config.yml', 'metrics.config.json']

/**
 * Several times what a real config needs (10,000 queues take some 170 KB), and parsed
 * as YAML in a second or two: /dev/zero or a log named by mistake stops here, not in memory.
 */
export const MAX_CONFIG_BYTES = 1 << 20

/**
 * Finds the config file: `--config FILE`, else `METRICS_CONFIG`, else the first of
 * metrics.config.{yaml,yml,json} in the working directory. Only an explicitly named
 * file must exist.
 */
export function locateConfigFile(explicit: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const named = explicit ?? (env.METRICS_CONFIG || undefined)
  if (named !== undefined) return named
  return DISCOVERED.map(name => join(cwd, name)).find(path => existsSync(path))
}

/** Reads and checks the config file: every command refuses a file it cannot read, or a key no command knows. */
export function readConfigFile(path: string | undefined): ConfigFile {
  if (path === undefined) return {document: {}}
  return parseConfigText(readText(path), path)
}

/**
 * Runs a command's reading of its sections: an error that names a value of the file as
 * the readers name them (`metrics.config.yaml queues.checks[1].read: …`, see shape.ts)
 * then names its line and column too.
 */
export function resolveFromConfig<T>(config: ConfigFile, resolve: (config: ConfigFile) => T): T {
  try {
    return resolve(config)
  } catch (error) {
    throw placeError(error, config)
  }
}

export function parseConfigText(text: string, path: string): ConfigFile {
  if (text.trim() === '') throw emptyFile(path)
  const {value, locate} = extname(path) === '.json' ? parseJson(text, path) : parseYaml(text, path)
  if (value === null || value === undefined) throw emptyFile(path)
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`${at(path, locate([]))}: expected a mapping of sections (${CONFIG_SECTIONS.join(', ')}), got ${Array.isArray(value) ? 'a list' : typeof value === 'string' ? quoted(value) : JSON.stringify(value)}`)
  }
  const unknown = findUnknownKey(value)
  if (unknown) throw unknownKeyError(unknown, path, locate)
  return {path, document: value as ConfigDocument, locate}
}

/** No mapping at all (only comments, or `null`) is as empty as no text: likely a file truncated or written to the wrong place. */
const emptyFile = (path: string): UsageError => new UsageError(`config file ${path} is empty`, 'write {} for a config file with no settings, or remove it')

function unknownKeyError({path, key, known}: UnknownKey, file: string, locate: Locate): UsageError {
  const parent = path.slice(0, -1)
  const suggestion = nearest(key, known)
  const hint = suggestion === undefined ? `known ${parent.length === 0 ? 'sections' : 'keys'}: ${known.join(', ')}` : `did you mean ${quoted(suggestion)}?`
  return new UsageError(`${at(file, locate(path, 'key'))}: ${keyProblem('unknown', parent, key)}`, hint)
}

/** `unknown section "queue"`, `duplicate key "host" in statsd`. */
const keyProblem = (problem: string, mapping: ConfigPath, key: string): string =>
  mapping.length === 0 ? `${problem} section ${quoted(key)}` : `${problem} key ${quoted(key)} in ${formatConfigPath(mapping)}`

/** Text from the file, cut short if it is long: a message stays one line. */
const quoted = (text: string): string => JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text)

const at = (file: string, position: Position | undefined): string => (position ? `${file}:${position.line}:${position.col}` : file)

/** `<file> <path>` then `:` or a space: how shape.ts and values.ts name a value read from the file. */
function placeError(error: unknown, config: ConfigFile): unknown {
  if (!(error instanceof MetricsError) || config.path === undefined || config.locate === undefined) return error
  const prefix = `${config.path} `
  if (!error.message.startsWith(prefix)) return error
  const rest = error.message.slice(prefix.length)
  const position = config.locate(parseConfigPath(/^[^\s:]+/.exec(rest)?.[0] ?? ''))
  if (position === undefined) return error
  // The same error, class and stack kept: only where it points gets sharper.
  const placed = `${at(config.path, position)}: ${rest}`
  error.stack = error.stack?.replace(error.message, placed)
  error.message = placed
  return error
}

interface Parsed {
  readonly value: unknown
  readonly locate: Locate
}

/** Bytes are checked before parsing: a binary or mis-encoded file gets a message that says so, not a parser's guess. */
function readText(path: string): string {
  let bytes: Buffer
  try {
    bytes = readAtMost(path, MAX_CONFIG_BYTES + 1)
  } catch (error) {
    throw new UsageError(`cannot read config file ${path}: ${describeError(error)}`, 'check --config or METRICS_CONFIG')
  }
  if (bytes.length > MAX_CONFIG_BYTES) throw new UsageError(`config file ${path} is larger than ${MAX_CONFIG_BYTES >> 20} MiB`, 'is it the right file?')
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    const before = bytes.subarray(0, nul).toString('utf8')
    throw new UsageError(`${at(path, positionIn(before, before.length))}: a NUL byte: the file is binary, not YAML or JSON`)
  }
  const text = bytes.toString('utf8')
  if (!isUtf8(bytes)) throw new UsageError(`${at(path, positionIn(text, text.indexOf('\uFFFD')))}: not UTF-8 text`, 'save the file as UTF-8')
  // A byte-order mark, as some Windows editors write, which JSON.parse would refuse.
  return text.startsWith('\uFEFF') ? text.slice(1) : text
}

/** The file's first `limit` bytes, read a piece at a time: a pipe or a device has no size to go by. */
function readAtMost(path: string, limit: number): Buffer {
  const fd = openSync(path, 'r')
  try {
    const pieces: Buffer[] = []
    let length = 0
    while (length < limit) {
      const piece = Buffer.allocUnsafe(Math.min(1 << 16, limit - length))
      const read = readSync(fd, piece, 0, piece.length, null)
      if (read === 0) break
      pieces.push(piece.subarray(0, read))
      length += read
    }
    return Buffer.concat(pieces, length)
  } finally {
    closeSync(fd)
  }
}

/** The line and column of `text[index]`. */
function positionIn(text: string, index: number): Position {
  const before = text.slice(0, Math.max(0, index))
  const lineStart = before.lastIndexOf('\n') + 1
  return {line: before.split('\n').length, col: index - lineStart + 1}
}

function parseJson(text: string, path: string): Parsed {
  // yaml reads JSON with positions, but costs more start-up time than JSON.parse: it loads only to place an error.
  let located: Locate | undefined
  const locate: Locate = (place, what) => (located ??= yamlLocator(parseYamlTree(text)))(place, what)
  try {
    return {value: JSON.parse(text), locate}
  } catch (error) {
    const message = (error as Error).message
    const offset = /at position (\d+)/.exec(message)?.[1] ?? (/end of JSON input/.test(message) ? String(text.length) : undefined)
    const where = offset === undefined ? path : at(path, positionIn(text, Number(offset)))
    throw new UsageError(`${where}: not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`)
  }
}

function parseYaml(text: string, path: string): Parsed {
  const parsed = parseYamlTree(text)
  const [first] = parsed.document.errors
  if (first) {
    const position = first.linePos?.[0]
    throw new UsageError(`${at(path, position)}: ${first.message.split('\n')[0].replace(/ at line \d+, column \d+:$/, '')}`)
  }
  const duplicate = findDuplicateKey(parsed)
  if (duplicate) throw new UsageError(`${at(path, duplicate.position)}: ${keyProblem('duplicate', duplicate.mapping, duplicate.key)}`)
  let value: unknown
  try {
    value = parsed.document.toJS({maxAliasCount: 100})
  } catch (error) {
    // An alias bomb, which yaml stops with an error of its own kind.
    throw new UsageError(`config file ${path}: ${(error as Error).message}`)
  }
  return {value, locate: yamlLocator(parsed)}
}
