import {loaderRule} from '../loader-rule.js'

export default loaderRule('input-rejected', 'The input must be a text file of reasonable size.')
