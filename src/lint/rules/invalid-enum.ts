import {loaderRule} from '../loader-rule.js'

export default loaderRule('invalid-enum', 'match_type, match_metric_type, action and observer_type accept only their documented values.')
