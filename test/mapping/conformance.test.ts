import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {MetricKind} from '../../src/mapping/model.js'
import {loadMappingConfig} from '../../src/mapping/load.js'
import {createMapper} from '../../src/mapping/mapper.js'
import {present} from './helpers.js'

/**
 * statsd_exporter's own mapper tests (TestMetricMapperYAML, TestAction, TestMultipleMatches),
 * with the results the real upstream code gave, copied into the fixture. v0.30.0-only cases
 * use keys master removed; they must behave as v0.30.0 did (with deprecation warnings).
 */
interface Case {
  id: string
  upstream: 'master+v0.30.0' | 'v0.30.0-only'
  config: string
  configBad: boolean
  mappings: {
    statsd: string
    queryType: MetricKind
    expect: {name: string; labels: Record<string, string>} | null
    action: 'map' | 'drop' | null
    mapping: {
      matchMetricType: string
      observerType: string
      ttlSeconds: number
      scale: number | null
      honorLabels: boolean
      help: string
      summaryOptions?: unknown
      histogramOptions?: unknown
    } | null
  }[]
}

const cases = JSON.parse(readFileSync(new URL('../fixtures/mapper-cases.json', import.meta.url), 'utf8')) as Case[]

describe('statsd_exporter mapper conformance', () => {
  it('has the whole table', () => {
    expect(cases).toHaveLength(68)
  })

  it.each(cases.filter((c) => c.configBad).map((c) => [c.id, c] as const))('%s is refused', (_id, c) => {
    const result = loadMappingConfig(c.config)
    expect(result.config).toBeUndefined()
    expect(result.diagnostics.filter((d) => d.severity === 'error').length).toBeGreaterThan(0)
  })

  it.each(cases.filter((c) => !c.configBad).map((c) => [c.id, c] as const))('%s maps as upstream', (_id, c) => {
    const result = loadMappingConfig(c.config)
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    if (c.upstream === 'master+v0.30.0') expect(result.diagnostics).toEqual([])
    else expect(result.diagnostics.map((d) => d.code)).toContain('deprecated-key')
    const mapper = createMapper(present(result.config, 'config'))
    for (const lookup of c.mappings) {
      const got = mapper.map(lookup.statsd, lookup.queryType)
      const where = `${lookup.queryType} ${lookup.statsd}`
      if (lookup.expect === null) {
        expect(got.matched && !(got.action === 'drop' && lookup.action === 'drop'), where).toBe(false)
        continue
      }
      expect(got.action, where).toBe(lookup.action)
      if (lookup.action === 'drop') continue
      expect({name: got.name, labels: got.labels}, where).toEqual({name: lookup.expect.name, labels: lookup.expect.labels ?? {}})
      const want = present(lookup.mapping ?? undefined, `${where} expected options`)
      const mapping = present(got.mapping, `${where} rule`)
      expect({
        matchMetricType: mapping.matchMetricType ?? '',
        observerType: mapping.observerType ?? '',
        ttlSeconds: mapping.ttlSeconds,
        scale: mapping.scale ?? null,
        honorLabels: mapping.honorLabels,
        help: mapping.help,
      }, where).toEqual({
        matchMetricType: want.matchMetricType,
        observerType: want.observerType,
        ttlSeconds: want.ttlSeconds,
        scale: want.scale,
        honorLabels: want.honorLabels,
        help: want.help,
      })
      if (want.summaryOptions) expect(mapping.summaryOptions, where).toEqual(want.summaryOptions)
      if (want.histogramOptions) expect(mapping.histogramOptions, where).toEqual(want.histogramOptions)
    }
  })
})
