import {loaderRule} from '../loader-rule.js'

export default loaderRule('duplicate-key', 'A key may appear only once in a mapping; statsd_exporter loads with yaml.UnmarshalStrict.')
