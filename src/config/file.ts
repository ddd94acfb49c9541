import {existsSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {extname, join} from 'node:path'
import {UsageError} from '../errors.js'

/** The parsed config file, or an empty object when there is none. Sections are validated by their users. */
export type ConfigDocument = Readonly<Record<string, unknown>>

export interface ConfigFile {
  readonly path?: string
  readonly document: ConfigDocument
}

const DISCOVERED = ['metrics.config.yaml', 'metrics.config.yml', 'metrics.config.json']

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

export function readConfigFile(path: string | undefined): ConfigFile {
  if (path === undefined) return {document: {}}
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 'check --config or METRICS_CONFIG')
  }
  return {path, document: parseConfigText(text, path)}
}

export function parseConfigText(text: string, path: string): ConfigDocument {
  if (text.trim() === '') return {}
  let parsed: unknown
  if (extname(path) === '.json') {
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      throw new UsageError(`config file ${path} is not valid JSON: ${(error as Error).message}`)
    }
  } else {
    parsed = parseYaml(text, path)
  }
  if (parsed === null || parsed === undefined) return {}
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(`config file ${path} must hold a mapping of sections (statsd:, redis:, …), not ${Array.isArray(parsed) ? 'a list' : typeof parsed}`)
  }
  return parsed as ConfigDocument
}

// yaml is loaded only when a YAML config file exists: it costs more start-up time than all of `metrics send`.
function parseYaml(text: string, path: string): unknown {
  const require = createRequire(import.meta.url)
  const yaml = require('yaml') as typeof import('yaml')
  const doc = yaml.parseDocument(text)
  const [first] = doc.errors
  if (first) {
    const at = first.linePos?.[0]
    const where = at ? `${path}:${at.line}:${at.col}` : path
    throw new UsageError(`config file ${where}: ${first.message.split('\n')[0].replace(/ at line \d+, column \d+:$/, '')}`)
  }
  return doc.toJS({maxAliasCount: 100})
}
