import {loaderRule} from '../../lint/loader-rule.js'
import type {CatalogDiagnosticCode} from '../load.js'

export default loaderRule<CatalogDiagnosticCode>('invalid-type', 'Each key has a value of the right YAML type: text, a number, true or false, a list or a map.')
