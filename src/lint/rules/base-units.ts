/**
 * @fileoverview promlint's unit check: Prometheus names use base units (seconds, bytes,
 * meters…). statsd timers are milliseconds, but statsd_exporter already divides `ms`
 * values by 1000, so a `_milliseconds` name usually lies about the unit; use `scale`
 * for anything else that needs converting.
 */
import type {ConfigRule} from '../rule.js'
import {literalName, seriesMappings, valueRange} from '../mapping-facts.js'

// promlint's tables (client_golang prometheus/testutil/promlint/validations/units.go).
const BASE_UNIT: Readonly<Record<string, string>> = {
  amperes: 'amperes', bytes: 'bytes', celsius: 'celsius', grams: 'grams', joules: 'joules', kelvin: 'kelvin',
  meters: 'meters', metres: 'metres', seconds: 'seconds', volts: 'volts',
  minutes: 'seconds', hours: 'seconds', days: 'seconds', weeks: 'seconds',
  kelvins: 'kelvin', fahrenheit: 'celsius', rankine: 'celsius',
  inches: 'meters', yards: 'meters', miles: 'meters',
  bits: 'bytes', calories: 'joules', pounds: 'grams', ounces: 'grams',
}

const PREFIXES = ['pico', 'nano', 'micro', 'milli', 'centi', 'deci', 'deca', 'hecto', 'kilo', 'kibi', 'mega', 'mibi', 'giga', 'gibi', 'tera', 'tebi', 'peta', 'pebi']

/**
 * Every unit a name part can be, prefixed or not, with its base unit: promlint tries the
 * part as it is first, then each prefix in order, so the first way a part was spelled wins.
 */
const UNITS: ReadonlyMap<string, string> = (() => {
  const units = new Map(Object.entries(BASE_UNIT))
  for (const prefix of PREFIXES) {
    for (const [unit, base] of Object.entries(BASE_UNIT)) if (!units.has(prefix + unit)) units.set(prefix + unit, base)
  }
  return units
})()

/** The first `_`-separated part that names a unit, with its base unit (promlint stops at the first). */
function findUnit(name: string): {unit: string; base: string} | undefined {
  for (const part of name.split('_')) {
    const base = UNITS.get(part)
    if (base !== undefined) return {unit: part, base}
  }
  return undefined
}

const rule: ConfigRule<'baseUnit'> = {
  stage: 'config',
  meta: {
    id: 'base-units',
    kind: 'naming',
    severity: 'warning',
    docs: {description: 'Metric names use base units: seconds not milliseconds, bytes not kilobytes (promlint).'},
    messages: {baseUnit: 'use base unit "{{base}}" instead of "{{unit}}"'},
  },
  check(context) {
    for (const mapping of seriesMappings(context.config)) {
      const found = findUnit(literalName(mapping))
      if (found && found.unit !== found.base) context.report({messageId: 'baseUnit', data: found, at: valueRange(mapping, 'name')})
    }
  },
}

export default rule
