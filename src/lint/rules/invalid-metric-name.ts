import {loaderRule} from '../loader-rule.js'

export default loaderRule('invalid-metric-name', 'A metric name may use only letters, digits, _ and $n / ${n} references, and may not start with a digit (no -, . or :).')
