import {loaderRule} from '../loader-rule.js'

export default loaderRule('invalid-type', 'Each key needs a value of the right YAML type (a map for labels, a number for scale, a list for buckets).')
