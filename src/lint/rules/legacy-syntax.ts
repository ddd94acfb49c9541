import {loaderRule} from '../loader-rule.js'

export default loaderRule('legacy-syntax', 'Each line of a legacy (pre-0.5.0) config is a glob, a key="value" pair, a comment or blank.')
