import {loaderRule} from '../loader-rule.js'

export default loaderRule('invalid-duration', 'ttl and max_age must be Go durations such as 30s, 1m30s or 0.')
