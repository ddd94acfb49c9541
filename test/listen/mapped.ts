import {SeriesTranslator} from '../../src/exporter/translate.js'
import {Pipeline, type RecordSink} from '../../src/listen/pipeline.js'
import {loadMappingConfig} from '../../src/mapping/load.js'
import {createMapper} from '../../src/mapping/mapper.js'
import {StatsdParser} from '../../src/statsd/parse.js'

/**
 * A mapping config with one rule of each outcome: mapped (rule 0), dropped (rule 1),
 * mapped with honor_labels (rule 2), a name that expands to nothing (rule 3). Anything
 * else is unmapped.
 */
export const MAPPING_YAML = `mappings:
  - match: "api.*.*"
    name: "http_requests_total"
    labels:
      method: "$1"
      code: "$2"
  - match: "debug.*"
    name: "debug"
    action: drop
  - match: "svc.*.latency"
    name: "svc_latency"
    honor_labels: true
    labels:
      env: "default"
      service: "$1"
  - match: "^blank\\\\.(.*)$"
    match_type: regex
    name: "$1"
`

export function translatorFor(yaml: string = MAPPING_YAML): SeriesTranslator {
  const {config, diagnostics} = loadMappingConfig(yaml)
  if (config === undefined) throw new Error(`test mapping does not load: ${JSON.stringify(diagnostics)}`)
  return new SeriesTranslator(config, createMapper(config), 'mapping.yml')
}

/**
 * Feeds `sink` as tail does: each argument is one packet of lines, parsed and translated
 * through the mapping (or not at all with `translate: false`) by a real Pipeline.
 */
export function feedThroughPipeline(sink: RecordSink, packets: readonly string[], options: {translate?: boolean; now?: number} = {}): void {
  const pipeline = new Pipeline({parser: new StatsdParser(), sink, translator: options.translate === false ? undefined : translatorFor(), clock: () => options.now ?? 0})
  for (const packet of packets) pipeline.handle(Buffer.from(packet))
}
