import {loaderRule} from '../loader-rule.js'

export default loaderRule('missing-name', 'Every mapping needs a name.')
