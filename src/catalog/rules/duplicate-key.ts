import {loaderRule} from '../../lint/loader-rule.js'
import type {CatalogDiagnosticCode} from '../load.js'

export default loaderRule<CatalogDiagnosticCode>('duplicate-key', 'A key is written once in each map: a second one would silently replace the first.')
