/**
 * The JSON Schema editors read and the loader must agree: every valid fixture (and every
 * catalogue the writer produces) validates and loads clean; every invalid fixture is
 * refused by both. The schema cannot say everything the loader checks (a placeholder's
 * values have as many segments as it names), so invalid fixtures are what both refuse.
 */
import {readdirSync, readFileSync} from 'node:fs'
import Ajv from 'ajv'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {
  CATALOG_KEYS, CONVENTION_KEYS, DEPRECATION_KEYS, EVENT_KEYS, GUESS_KEYS, METRIC_KEYS, METRIC_PROMETHEUS_KEYS, PLACEHOLDER_KEYS,
  PROMETHEUS_DEFAULT_KEYS, SEGMENT_COUNT_KEYS, TAG_KEYS,
} from '../../src/catalog/format.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {STATSD_TYPES} from '../../src/catalog/model.js'
import {writeCatalog} from '../../src/catalog/write.js'
import {catalog as arbitraryCatalog} from './arbitrary.js'

interface SchemaNode {
  readonly properties?: Readonly<Record<string, SchemaNode>>
  readonly definitions?: Readonly<Record<string, SchemaNode>>
  readonly oneOf?: readonly SchemaNode[]
  readonly enum?: readonly string[]
}

const schema = JSON.parse(readFileSync(new URL('../../src/catalog/catalog.schema.json', import.meta.url), 'utf8')) as SchemaNode
const validate = new Ajv({allErrors: true}).compile(schema)
const fixtures = (kind: 'valid' | 'invalid') => readdirSync(new URL(`fixtures/${kind}/`, import.meta.url)).map((name) => [name, readFileSync(new URL(`fixtures/${kind}/${name}`, import.meta.url), 'utf8')])

/** What an editor's YAML 1.2 reading of the file gives the schema. */
const asJson = (text: string): unknown => parse(text) ?? null

describe('the catalogue JSON Schema', () => {
  it('is a valid draft-07 schema', () => {
    expect(new Ajv().validateSchema(schema)).toBe(true)
  })

  it.each(fixtures('valid'))('accepts %s, as the loader does', (_name, text) => {
    expect(loadCatalog(text).diagnostics).toEqual([])
    expect(validate(asJson(text)), JSON.stringify(validate.errors)).toBe(true)
  })

  it.each(fixtures('invalid'))('refuses %s, as the loader does', (_name, text) => {
    expect(loadCatalog(text).diagnostics.filter((d) => d.severity === 'error')).not.toEqual([])
    expect(validate(asJson(text))).toBe(false)
  })

  it('accepts every catalogue the writer writes', () => {
    fc.assert(fc.property(arbitraryCatalog, (catalog) => {
      const written = writeCatalog(catalog)
      expect(validate(asJson(written)), `${written}\n${JSON.stringify(validate.errors)}`).toBe(true)
    }), {numRuns: 300})
  })

  it('has the keys the loader knows, at every level', () => {
    const keys = (node: SchemaNode | undefined) => Object.keys(node?.properties ?? {})
    const definitions = schema.definitions ?? {}
    const metric = definitions.metric.properties ?? {}
    const conventions = definitions.conventions.properties ?? {}
    expect(keys(schema)).toEqual(CATALOG_KEYS)
    expect(keys(definitions.placeholder)).toEqual(PLACEHOLDER_KEYS)
    expect(keys(definitions.metric)).toEqual(METRIC_KEYS)
    expect(keys(definitions.conventions)).toEqual(CONVENTION_KEYS)
    expect(keys(conventions.segments)).toEqual(SEGMENT_COUNT_KEYS)
    expect(keys(conventions.events)).toEqual(EVENT_KEYS)
    expect(keys(schema.properties?.prometheus)).toEqual(PROMETHEUS_DEFAULT_KEYS)
    expect(keys(metric.prometheus)).toEqual(METRIC_PROMETHEUS_KEYS)
    expect(keys(metric.guessed)).toEqual(GUESS_KEYS)
    expect(keys(metric.deprecated.oneOf?.[1])).toEqual(DEPRECATION_KEYS)
    expect(keys(definitions.tag.oneOf?.[3])).toEqual(TAG_KEYS)
    expect(metric.type.enum).toEqual(STATSD_TYPES)
  })
})
