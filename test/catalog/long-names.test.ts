import {describe, expect, it} from 'vitest'
import {checkLoaded} from '../../src/catalog/check.js'
import {runDiff} from '../../src/catalog/diff-run.js'
import {loadCatalog} from '../../src/catalog/load.js'

/** A name of 5,005 characters: a message quotes its first 100 and says how long it is. */
const name = `feed.${'a'.repeat(5000)}`
const shown = `${name.slice(0, 100)}… (5,005 characters)`
const catalogue = (...entries: string[]) => new TextEncoder().encode(`version: 1\nmetrics:\n${entries.join('')}`)
const entry = (type: string) => `  - name: ${name}\n    type: ${type}\n`

describe('catalogue messages quote at most 100 characters of a long name', () => {
  it('in catalog check, whichever rule reports it', () => {
    const {messages} = checkLoaded('c.yml', loadCatalog(catalogue(entry('counter'), entry('counter'))))
    expect(messages.length).toBeGreaterThan(0)
    for (const message of messages) {
      expect(message.message).toContain(shown)
      expect(message.message.length, message.ruleId).toBeLessThan(400)
    }
  })

  it('in catalog diff', async () => {
    const files: Record<string, Uint8Array> = {'old.yml': catalogue(entry('counter')), 'new.yml': catalogue(entry('gauge'))}
    const run = await runDiff('old.yml', 'new.yml', {format: 'json'}, {}, false, async (path) => files[path])
    expect(run.results.flatMap((result) => result.messages).map((m) => [m.ruleId, m.message])).toEqual([['type-changed', `${shown} was a counter, now a gauge`]])
  })
})
