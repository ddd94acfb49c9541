import {loaderRule} from '../loader-rule.js'

export default loaderRule('invalid-regex', 'A regex match must compile as RE2 (no lookaround, no backreferences).')
