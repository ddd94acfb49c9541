import {expect} from 'vitest'
import {ExporterSink} from '../../src/exporter/exporter-sink.js'
import {Exposition} from '../../src/exporter/exposition.js'
import {SeriesRegistry} from '../../src/exporter/registry.js'
import {SELF_METRIC_NAMES} from '../../src/exporter/self-metrics.js'
import {DEFAULT_HELP} from '../../src/exporter/translate.js'
import {Pipeline} from '../../src/listen/pipeline.js'
import {StatsdParser} from '../../src/statsd/parse.js'
import {translatorFor} from '../listen/mapped.js'

/** An exporter's registry, sink and exposition, fed by a real parser, mapping and pipeline. */
export function exporter(yaml = 'mappings: []\n') {
  const registry = new SeriesRegistry(SELF_METRIC_NAMES)
  const sink = new ExporterSink(registry)
  let now = 0
  const pipeline = new Pipeline({parser: new StatsdParser(), sink, translator: translatorFor(yaml), clock: () => now})
  let exposition: Exposition | undefined
  return {
    registry,
    counts: sink.counts,
    /** One packet per argument, at time `at` (ms). */
    send(at: number, ...packets: string[]): void {
      now = at
      for (const packet of packets) pipeline.handle(Buffer.from(packet))
    },
    /** The statsd series only, as scraped at `at`, checked against the text format. */
    async scrape(at = now): Promise<string> {
      exposition ??= await Exposition.create(registry)
      const text = (await exposition.render(at, [])).toString()
      expectTextFormat(text)
      return text
    },
  }
}

/** The exposition text of these lines, sent as one packet. */
export async function exposed(lines: string, yaml?: string): Promise<string> {
  const e = exporter(yaml)
  e.send(0, lines)
  return e.scrape()
}

export const header = (name: string, type: string, help = DEFAULT_HELP): string => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`

/** Families' texts, each ending in a newline, as prom-client joins them: a blank line between two. */
export const families = (...texts: string[]): string => texts.join('\n')

export const HISTOGRAM = 'defaults:\n  observer_type: histogram\nmappings: []\n'
export const DEFAULT_BUCKET_BOUNDS = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10']

export function histogramLines(name: string, labels: string, bounds: readonly string[], cumulative: readonly number[], sum: string, count: number): string {
  const prefix = labels === '' ? '' : `${labels},`
  const braces = labels === '' ? '' : `{${labels}}`
  return [
    ...bounds.map((bound, i) => `${name}_bucket{${prefix}le="${bound}"} ${cumulative[i]}`),
    `${name}_bucket{${prefix}le="+Inf"} ${count}`,
    `${name}_sum${braces} ${sum}`,
    `${name}_count${braces} ${count}`,
  ].join('\n') + '\n'
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*'
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^\\\\"\\n]|\\\\[\\\\"n])*"'
/** What Go's strconv.ParseFloat reads, which Prometheus uses for sample values; it ignores case in Inf and NaN. */
const VALUE = '[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?inf|nan'
const SAMPLE = new RegExp(`^${NAME}(?:\\{${LABEL}(?:,${LABEL})*\\})? (?:${VALUE})$`, 'i')

/**
 * Nothing, or lines that are each a sample, a HELP or TYPE line (the help escaped) or
 * empty, as the Prometheus text format allows; each family's HELP and TYPE come once,
 * before its samples.
 */
export function expectTextFormat(text: string): void {
  if (text === '') return
  expect(text.endsWith('\n')).toBe(true)
  const declared = new Set<string>()
  let family = ''
  for (const line of text.slice(0, -1).split('\n')) {
    const comment = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line)
    if (comment !== null) {
      const [, kind, name, rest] = comment
      if (kind === 'HELP') {
        expect(declared.has(name), `${name} declared twice`).toBe(false)
        declared.add(name)
        family = name
        expect(rest).toMatch(/^(?:[^\\\n]|\\[\\n])*$/)
      } else {
        expect(name).toBe(family)
        expect(rest).toMatch(/^(counter|gauge|histogram|summary)$/)
      }
    } else if (line !== '') {
      expect(line).toMatch(SAMPLE)
      expect(line.startsWith(family), `${line} outside its family ${family}`).toBe(true)
    }
  }
}
