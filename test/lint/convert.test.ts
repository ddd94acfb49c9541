import {describe, expect, it} from 'vitest'
import {UsageError} from '../../src/errors.js'
import {runConvert} from '../../src/lint/convert-run.js'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('runConvert', () => {
  it('converts a legacy file to YAML with nothing to report', () => {
    const run = runConvert('m.conf', bytes('test.dispatcher.*.*.*\nname="dispatcher_events_total"\nprocessor="$1"\n'), false)
    expect(run).toEqual({
      yaml: 'mappings:\n- match: "test.dispatcher.*.*.*"\n  name: "dispatcher_events_total"\n  labels:\n    processor: "$1"\n',
      report: '',
      failure: undefined,
    })
  })

  it('writes nothing for lines that are not legacy syntax, and says where', () => {
    const run = runConvert('-', bytes('a.b\nname=x\n'), false)
    expect(run.yaml).toBeUndefined()
    expect(run.report).toContain('2:1  error    expected label mapping line, got: name=x')
    expect(run.failure).toBe('<stdin> is not a valid legacy mapping config; nothing converted')
  })

  it('converts but fails when statsd_exporter would refuse the result', () => {
    const run = runConvert('m.conf', bytes('a.*\nname="a"\nl="$1"\n'), false)
    expect(run.yaml).toContain('l: "$1"')
    expect(run.report).toContain('invalid label key: l')
    expect(run.failure).toBe('converted, but statsd_exporter will refuse the result: 1 error')
  })

  it('refuses a file that is YAML already', () => {
    expect(() => runConvert('m.yml', bytes('mappings:\n- match: a\n  name: a\n'), false)).toThrow(UsageError)
  })
})
