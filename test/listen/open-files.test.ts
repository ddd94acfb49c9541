import {describe, expect, it} from 'vitest'
import {openFiles, softOpenFileLimit} from '../../src/listen/open-files.js'

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            1024                 524288               files
Max locked memory         8388608              8388608              bytes
`

describe('open files', () => {
  it('reads the soft limit of /proc/<pid>/limits', () => {
    expect(softOpenFileLimit(LIMITS)).toBe(1024)
  })

  it('has no limit when it is unlimited or not reported', () => {
    expect(softOpenFileLimit(LIMITS.replace('1024  ', 'unlimited'))).toBeUndefined()
    expect(softOpenFileLimit('Limit  Soft Limit\n')).toBeUndefined()
  })

  it.runIf(process.platform === 'linux')('counts this process\'s descriptors under its limit', async () => {
    const files = await openFiles()
    expect(files?.open).toBeGreaterThan(2)
    expect(files?.open).toBeLessThan(files?.limit ?? 0)
  })
})
