import {expect} from 'vitest'
import type {MappingConfig} from '../../src/mapping/model.js'
import {loadMappingConfig} from '../../src/mapping/load.js'

/** The config a text loads to; fails the test, showing the errors, when it does not load. */
export function loadedConfig(text: string): MappingConfig {
  const {config, diagnostics} = loadMappingConfig(text)
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  if (config === undefined) throw new Error('config did not load')
  return config
}

/** A value the test knows is there; fails the test when it is not. */
export function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing`)
  return value
}
