import {loaderRule} from '../loader-rule.js'

export default loaderRule('invalid-label-name', 'Label names must match ^[a-zA-Z_][a-zA-Z0-9_]+$: statsd_exporter also rejects one-character names.')
