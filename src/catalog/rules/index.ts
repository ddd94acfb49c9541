/**
 * Every catalogue rule, in the order `catalog check` lists them (SARIF, the README):
 * what the loader refuses, then what loads but goes wrong, then the naming conventions.
 */
import type {AnyCatalogRule} from '../rule.js'
import deprecatedWithoutReplacement from './deprecated-without-replacement.js'
import duplicateKey from './duplicate-key.js'
import duplicateMetric from './duplicate-metric.js'
import eventName from './event-name.js'
import freeTextValues from './free-text-values.js'
import identifierValues from './identifier-values.js'
import inputRejected from './input-rejected.js'
import invalidTemplate from './invalid-template.js'
import invalidType from './invalid-type.js'
import invalidValue from './invalid-value.js'
import missingKey from './missing-key.js'
import nameCharacters from './name-characters.js'
import namePrefix from './name-prefix.js'
import overlappingTemplates from './overlapping-templates.js'
import placeholderMeaning from './placeholder-meaning.js'
import segmentCount from './segment-count.js'
import shadowedEntry from './shadowed-entry.js'
import snakeCase from './snake-case.js'
import tagKeyCase from './tag-key-case.js'
import typeConflict from './type-conflict.js'
import unknownKey from './unknown-key.js'
import unknownReplacement from './unknown-replacement.js'
import unusedPlaceholder from './unused-placeholder.js'
import yamlSyntax from './yaml-syntax.js'

export const catalogRules: readonly AnyCatalogRule[] = [
  // the loader refuses the file
  inputRejected,
  yamlSyntax,
  duplicateKey,
  unknownKey,
  invalidType,
  invalidValue,
  invalidTemplate,
  missingKey,
  // it loads, but does not say what was meant
  duplicateMetric,
  shadowedEntry,
  overlappingTemplates,
  typeConflict,
  placeholderMeaning,
  unusedPlaceholder,
  tagKeyCase,
  identifierValues,
  freeTextValues,
  deprecatedWithoutReplacement,
  unknownReplacement,
  // naming conventions, each off unless the catalogue sets it
  segmentCount,
  nameCharacters,
  snakeCase,
  namePrefix,
  eventName,
]
