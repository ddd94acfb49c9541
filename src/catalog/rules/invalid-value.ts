import {loaderRule} from '../../lint/loader-rule.js'
import type {CatalogDiagnosticCode} from '../load.js'

export default loaderRule<CatalogDiagnosticCode>('invalid-value', 'Each value is one the key allows: a known metric type, a valid tag key, version 1, …')
