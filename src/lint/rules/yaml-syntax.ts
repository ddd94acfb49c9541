import {loaderRule} from '../loader-rule.js'

export default loaderRule('yaml-syntax', 'The file must be well-formed YAML: no tabs in indentation, no unquoted * (YAML reads it as an alias).')
