import {loaderRule} from '../../lint/loader-rule.js'
import type {CatalogDiagnosticCode} from '../load.js'

export default loaderRule<CatalogDiagnosticCode>('unknown-key', 'Every key is one the catalogue format has; the message names the nearest known key.')
