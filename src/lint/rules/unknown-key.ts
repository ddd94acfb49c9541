import {loaderRule} from '../loader-rule.js'

export default loaderRule('unknown-key', 'Only the keys statsd_exporter knows are allowed; master rejects the rest, v0.30.0 silently ignored them.')
