import {loaderRule} from '../../lint/loader-rule.js'
import type {CatalogDiagnosticCode} from '../load.js'

export default loaderRule<CatalogDiagnosticCode>('input-rejected', 'The file is read only when it is small enough (8 MiB) and not nested deeper than the YAML parser can take.')
