/**
 * Every key the config file may hold, in one table. The file is shared by every
 * command, and each reads only its own sections, so a misspelt key or section would
 * otherwise be ignored: `statsd: {hostt: …}` would send to the default host. Every
 * command checks the whole file against this table when it reads it (src/config/file.ts);
 * the readers then check values, not keys.
 */

/** A value's place in the file: section, keys and list indexes. */
export type ConfigPath = readonly (string | number)[]

/** What a value may hold: a mapping of known keys, a list, or anything (checked by its reader). */
export type Shape =
  | {readonly kind: 'mapping'; readonly keys: Readonly<Record<string, Shape>>}
  | {readonly kind: 'list'; readonly item: Shape}
  | {readonly kind: 'free'}

type MappingShape = Extract<Shape, {kind: 'mapping'}>

const FREE: Shape = {kind: 'free'}
const keys = (known: Record<string, Shape>): MappingShape => ({kind: 'mapping', keys: known})
/** A list of items; its readers also take a single item where a list is expected, and check that themselves. */
const listOf = (item: Shape): Shape => ({kind: 'list', item})
/** Keys whose values this table does not look into (a scalar, a list of hosts, a mapping of tags): their readers check them. */
const leaves = (...names: string[]): Record<string, Shape> => Object.fromEntries(names.map(name => [name, FREE]))

/** Where the gauges of queues, tables and datamaps go (src/config/sinks.ts): in each one's own section. */
const SINKS = leaves('statsd', 'pushgateway', 'job', 'grouping', 'textfile', 'print')

const TLS = keys(leaves('mode', 'ca', 'cert', 'key'))
const TABLE_GROUPS = listOf(keys(leaves('name', 'table', 'tables', 'column')))

const SECTIONS = {
  statsd: keys(leaves('host', 'port', 'protocol', 'socket', 'prefix', 'tagStyle', 'tag_style', 'tags')),
  redis: keys(leaves('url', 'sentinels', 'master', 'sentinelPassword', 'cluster')),
  queues: keys({
    queues: listOf(keys(leaves('name', 'celery', 'tags'))),
    patterns: listOf(keys(leaves('pattern', 'celery', 'tags'))),
    checks: listOf(keys(leaves('name', 'key', 'read', 'prometheus', 'help', 'intervals', 'tags'))),
    ...leaves('preset', 'pipelines', 'celery', 'celerySeparator', 'celerySteps', 'maxKeys', 'metric', 'prometheusName', 'help', 'interval', 'count', 'timeout'),
    ...SINKS,
  }),
  tables: keys({
    ...leaves('url', 'url_env', 'timezone', 'timeout', 'interval', 'count'),
    tls: TLS,
    groups: TABLE_GROUPS,
    databases: listOf(keys({...leaves('url', 'url_env', 'timezone'), tls: TLS, groups: TABLE_GROUPS})),
    ...SINKS,
  }),
  datamaps: keys({...leaves('source', 'output', 's3Endpoint', 'maxZoom', 'concurrency', 'shard', 'timeout'), ...SINKS}),
  /** The metric catalogue's path, relative to the config file (src/catalog/locate.ts). */
  catalog: FREE,
}

export const CONFIG_SHAPE = keys(SECTIONS)

/** The sections a config file may hold. */
export const CONFIG_SECTIONS: readonly string[] = Object.keys(CONFIG_SHAPE.keys)

export interface UnknownKey {
  /** The key's own place: its mapping's path, then the key. */
  readonly path: ConfigPath
  readonly key: string
  /** The keys its mapping may hold. */
  readonly known: readonly string[]
}

/** The first key, in the file's order, that `shape` does not know; values of the wrong kind are left to their readers. */
export function findUnknownKey(value: unknown, shape: Shape = CONFIG_SHAPE, path: ConfigPath = []): UnknownKey | undefined {
  if (shape.kind === 'free' || typeof value !== 'object' || value === null) return undefined
  if (shape.kind === 'list') {
    if (!Array.isArray(value)) return undefined
    for (let index = 0; index < value.length; index++) {
      const found = findUnknownKey(value[index], shape.item, [...path, index])
      if (found) return found
    }
    return undefined
  }
  if (Array.isArray(value)) return undefined
  for (const [key, item] of Object.entries(value)) {
    const known = Object.hasOwn(shape.keys, key) ? shape.keys[key] : undefined
    if (known === undefined) return {path: [...path, key], key, known: Object.keys(shape.keys)}
    const found = findUnknownKey(item, known, [...path, key])
    if (found) return found
  }
  return undefined
}

/** `queues.checks[1].read`, as messages name a place in the file. */
export function formatConfigPath(path: ConfigPath): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('')
}

/** The inverse of formatConfigPath, for the names readers give in their messages. */
export function parseConfigPath(text: string): ConfigPath {
  const path: (string | number)[] = []
  for (const [, key, index] of text.matchAll(/\.?([^.[\]]+)|\[(\d+)\]/g)) path.push(key ?? Number(index))
  return path
}
