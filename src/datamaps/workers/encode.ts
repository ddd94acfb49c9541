import {encodeShard} from '../encode.js'
import type {PointShard} from '../points.js'
import {serve} from './serve.js'

/** The encode worker: sorts one shard per request; the keys go back without a copy. */
serve<PointShard, Float64Array>(shard => {
  const keys = encodeShard(shard)
  return {value: keys, transfer: [keys.buffer]}
})
