import {loaderRule} from '../loader-rule.js'

export default loaderRule('deprecated-key', 'timer_type, top-level buckets/quantiles and match_metric_type: timer work in v0.30.0 but were removed on master.', 'warning')
