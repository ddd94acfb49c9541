import {StatsdParser} from '../../src/statsd/parse.js'
import type {Sample} from '../../src/statsd/sample.js'

/** The samples statsd lines parse into, lines joined with "\n" as in one packet. */
export function samplesOf(...lines: string[]): Sample[] {
  return new StatsdParser().parsePacket(Buffer.from(lines.join('\n'))).records.flatMap(record => (record.kind === 'sample' ? [record.sample] : []))
}
