import {loaderRule} from '../loader-rule.js'

export default loaderRule('observer-options-conflict', 'histogram_options cannot go with a summary observer, nor summary_options with a histogram one.')
