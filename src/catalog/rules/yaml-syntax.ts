import {loaderRule} from '../../lint/loader-rule.js'
import type {CatalogDiagnosticCode} from '../load.js'

export default loaderRule<CatalogDiagnosticCode>('yaml-syntax', 'The file must be well-formed YAML, one document, UTF-8 without control characters.')
