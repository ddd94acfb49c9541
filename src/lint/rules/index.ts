/**
 * Every rule, in the order `metrics lint --help` and SARIF list them: what statsd_exporter
 * rejects, then what it accepts but gets wrong, then naming practice.
 */
import type {Rule} from '../rule.js'
import abbreviatedUnits from './abbreviated-units.js'
import baseUnits from './base-units.js'
import bucketBounds from './bucket-bounds.js'
import bucketOrder from './bucket-order.js'
import counterTotal from './counter-total.js'
import deprecatedKey from './deprecated-key.js'
import duplicateKey from './duplicate-key.js'
import duplicateMatch from './duplicate-match.js'
import inputRejected from './input-rejected.js'
import invalidDuration from './invalid-duration.js'
import invalidEnum from './invalid-enum.js'
import invalidLabelName from './invalid-label-name.js'
import invalidMatch from './invalid-match.js'
import invalidMetricName from './invalid-metric-name.js'
import invalidRegex from './invalid-regex.js'
import invalidType from './invalid-type.js'
import labelSetConflict from './label-set-conflict.js'
import legacySyntax from './legacy-syntax.js'
import missingName from './missing-name.js'
import noMappings from './no-mappings.js'
import observerOptionsConflict from './observer-options-conflict.js'
import quantileRange from './quantile-range.js'
import regexBeforeGlob from './regex-before-glob.js'
import reservedLabel from './reserved-label.js'
import reservedSuffix from './reserved-suffix.js'
import shadowedMapping from './shadowed-mapping.js'
import snakeCase from './snake-case.js'
import templateReference from './template-reference.js'
import typeConflict from './type-conflict.js'
import typeInName from './type-in-name.js'
import unknownKey from './unknown-key.js'
import yamlSyntax from './yaml-syntax.js'

export const rules: readonly Rule[] = [
  // statsd_exporter refuses the file
  inputRejected,
  yamlSyntax,
  legacySyntax,
  duplicateKey,
  unknownKey,
  deprecatedKey,
  invalidType,
  invalidEnum,
  invalidDuration,
  missingName,
  invalidMetricName,
  invalidLabelName,
  invalidMatch,
  invalidRegex,
  observerOptionsConflict,
  // statsd_exporter loads it, but not as meant
  noMappings,
  duplicateMatch,
  shadowedMapping,
  regexBeforeGlob,
  templateReference,
  typeConflict,
  labelSetConflict,
  bucketOrder,
  bucketBounds,
  quantileRange,
  // Prometheus naming practice (promlint)
  counterTotal,
  baseUnits,
  abbreviatedUnits,
  snakeCase,
  reservedSuffix,
  reservedLabel,
  typeInName,
]
