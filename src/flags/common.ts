import type {FlagSpecs} from './spec.js'

/** Flags every command has. */
export const commonFlags = {
  config: {kind: 'string', char: 'c', summary: 'config file [env: METRICS_CONFIG, default ./metrics.config.{yaml,yml,json}]', helpGroup: 'GLOBAL'},
} as const satisfies FlagSpecs
