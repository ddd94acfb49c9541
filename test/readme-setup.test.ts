import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

const root = new URL('../', import.meta.url)
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8')

/** The first ```sh block after a heading line that starts with `lead`. */
function commandAfter(readme: string, lead: string): string {
  const at = readme.indexOf(lead)
  expect(at, `README has "${lead}"`).toBeGreaterThan(-1)
  const block = /```sh\n([^`]*)```/.exec(readme.slice(at))
  return (block?.[1] ?? '').trim()
}

describe("the README's set-up commands", () => {
  const readme = read('README.md')

  it('CI runs exactly the test command the README gives', () => {
    const testCommand = commandAfter(readme, 'Run the tests')
    const ciCommands = read('.ci/run')
      .split('\n')
      .filter(line => line !== '' && !line.startsWith('#') && !/^(set|cd) /.test(line))
    expect(ciCommands).toEqual([testCommand])
  })

  it('the test command provisions what the tests need before they run', () => {
    const pretest = (JSON.parse(read('package.json')) as {scripts: Record<string, string>}).scripts.pretest
    expect(pretest).toMatch(/^bash scripts\/test-services\.sh && /)
    const provision = read('scripts/test-services.sh')
    for (const need of ['redis-server', 'pg_ctlcluster', 'mariadbd', 'prometheus-pushgateway']) expect(provision).toContain(need)
  })
})
