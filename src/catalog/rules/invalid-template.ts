import {loaderRule} from '../../lint/loader-rule.js'
import type {CatalogDiagnosticCode} from '../load.js'

export default loaderRule<CatalogDiagnosticCode>('invalid-template', 'Names, the prefix and replacements are name templates: literal segments and <placeholder> parts, separated by dots.')
