/**
 * statsd_exporter's GetMapping: every glob rule (through the FSM) before any regex rule,
 * then regex rules in file order, skipping a regex rule whose `match_metric_type` differs.
 * One pass of an RE2 set finds which regex rules match; only the first that applies is
 * run again for its groups. Results, misses included, are cached per metric kind.
 */
import type {Action, Mapping, MappingConfig, MetricKind} from './model.js'
import type {CompiledTemplate} from './template.js'
import {escapeMetricName} from '../statsd/escape.js'
import {GenerationalCache} from './cache.js'
import {GlobFsm, captureCount} from './glob.js'
import type {Re2Regex, RegexMatch} from './regex.js'
import {RegexSet, compileRegex} from './regex.js'
import {compileGlobTemplate, compileRegexTemplate} from './template.js'

export interface MapResult {
  readonly matched: boolean
  /** undefined when no rule matched. */
  readonly action: Action | undefined
  /** The expanded name template, not escaped yet; the statsd name itself when nothing matched. */
  readonly name: string
  /** `name` after statsd_exporter's EscapeMetricName: the Prometheus metric name. */
  readonly prometheusName: string
  readonly labels: Readonly<Record<string, string>>
  /** The rule that matched, with its position and options (scale, ttl, observer options, help…). */
  readonly mapping: Mapping | undefined
}

export interface MapperOptions {
  /**
   * Results kept for repeated names, misses included; 0 turns the cache off. Default 1,000,
   * statsd_exporter's `--statsd.cache-size`: big enough for a steady set of names, small
   * enough that a flood of one-off names does not keep the garbage collector busy.
   */
  readonly cacheSize?: number
}

export interface Mapper {
  map(name: string, kind: MetricKind): MapResult
  readonly cacheStats: {readonly hits: number; readonly misses: number}
}

interface Rule<Captures> {
  readonly mapping: Mapping
  readonly name: CompiledTemplate<Captures>
  /** Set when the name has no `$`, so every match gives the same name: escaped once. */
  readonly fixedName: {readonly name: string; readonly prometheusName: string} | undefined
  readonly labelNames: readonly string[]
  readonly labelValues: readonly CompiledTemplate<Captures>[]
}

interface RegexRule extends Rule<RegexMatch> {
  readonly regex: Re2Regex
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({})

function compileRule<Captures>(mapping: Mapping, compile: (template: string) => CompiledTemplate<Captures>): Rule<Captures> {
  const name = compile(mapping.name)
  return {
    mapping,
    name,
    fixedName: mapping.name.includes('$') ? undefined : {name: mapping.name, prometheusName: escapeMetricName(mapping.name)},
    labelNames: mapping.labels.map((label) => label.name),
    labelValues: mapping.labels.map((label) => compile(label.template)),
  }
}

function expand<Captures>(rule: Rule<Captures>, captures: Captures): MapResult {
  const labels: Record<string, string> = {}
  for (let i = 0; i < rule.labelNames.length; i++) labels[rule.labelNames[i]] = rule.labelValues[i].expand(captures)
  const {mapping, fixedName} = rule
  const name = fixedName ? fixedName.name : rule.name.expand(captures)
  const prometheusName = fixedName ? fixedName.prometheusName : escapeMetricName(name)
  return {matched: true, action: mapping.action, name, prometheusName, labels, mapping}
}

class ConfigMapper implements Mapper {
  private readonly fsm: GlobFsm<Rule<readonly string[]>> | undefined
  private readonly regexRules: RegexRule[] = []
  private readonly regexSet: RegexSet | undefined
  /** The FSM's captures for the lookup in progress; expanded before the next lookup reuses it. */
  private readonly captures: string[] = []
  private readonly caches: Record<MetricKind, GenerationalCache<MapResult>> | undefined
  private hits = 0
  private misses = 0

  constructor(config: MappingConfig, options: MapperOptions) {
    const cacheSize = options.cacheSize ?? 1000
    if (cacheSize > 0) {
      this.caches = {counter: new GenerationalCache(cacheSize), gauge: new GenerationalCache(cacheSize), observer: new GenerationalCache(cacheSize)}
    }
    const globs = config.mappings.filter((mapping) => mapping.matchType === 'glob')
    if (globs.length > 0) {
      const fsm = new GlobFsm<Rule<readonly string[]>>(config.defaults.globDisableOrdering)
      for (const mapping of globs) {
        const captures = captureCount(mapping.match)
        fsm.add(mapping.match, mapping.matchMetricType, compileRule(mapping, (template) => compileGlobTemplate(template, captures)))
      }
      this.fsm = fsm
    }
    for (const mapping of config.mappings) {
      if (mapping.matchType !== 'regex') continue
      const compiled = compileRegex(mapping.match)
      // The loader reported why; such a rule never matches.
      if (!compiled.ok) continue
      const {regex} = compiled
      this.regexRules.push({...compileRule(mapping, (template) => compileRegexTemplate(template, regex.groupNames)), regex})
    }
    if (this.regexRules.length > 0) this.regexSet = new RegexSet(this.regexRules.map((rule) => rule.regex))
  }

  get cacheStats() {
    return {hits: this.hits, misses: this.misses}
  }

  map(name: string, kind: MetricKind): MapResult {
    if (this.caches === undefined) return this.lookup(name, kind)
    const cache = this.caches[kind]
    const cached = cache.get(name)
    if (cached !== undefined) {
      this.hits++
      return cached
    }
    this.misses++
    const result = this.lookup(name, kind)
    cache.set(name, result)
    return result
  }

  private lookup(name: string, kind: MetricKind): MapResult {
    const rule = this.fsm?.lookup(name, kind, this.captures)
    if (rule !== undefined) return expand(rule, this.captures)
    const mapped = this.regexSet?.find(name, (index) => {
      const rule = this.regexRules[index]
      const type = rule.mapping.matchMetricType
      if (type !== undefined && type !== kind) return undefined
      const match = rule.regex.exec(name)
      return match === null ? undefined : expand(rule, match)
    })
    if (mapped !== undefined) return mapped
    return {matched: false, action: undefined, name, prometheusName: escapeMetricName(name), labels: NO_LABELS, mapping: undefined}
  }
}

/** A mapper over a loaded config (`loadMappingConfig(...).config`). */
export function createMapper(config: MappingConfig, options: MapperOptions = {}): Mapper {
  return new ConfigMapper(config, options)
}
