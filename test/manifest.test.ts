import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {Plugin} from '@oclif/core/config'
import {describe, expect, it} from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))

describe('oclif.manifest.json', () => {
  it('matches the built commands (run `npm run manifest` after changing a command)', async () => {
    const plugin = new Plugin({root, type: 'core', isRoot: true, ignoreManifest: true, errorOnManifestCreate: true})
    await plugin.load()
    const committed = JSON.parse(readFileSync(`${root}/oclif.manifest.json`, 'utf8'))
    expect(committed.version).toBe(JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version)
    expect(JSON.parse(JSON.stringify(plugin.manifest))).toEqual(committed)
  })
})
