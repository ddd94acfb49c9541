import {loaderRule} from '../loader-rule.js'

export default loaderRule('invalid-match', 'A glob match is dot-separated segments, each either * or a literal; * cannot be part of a segment (prefix_* is invalid).')
