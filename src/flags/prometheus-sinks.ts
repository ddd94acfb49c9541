import type {FlagSpecs} from './spec.js'

const output = 'OUTPUT'

export interface PrometheusSinkHelp {
  /** The --job default, named in its help. */
  readonly defaultJob: string
  /** What --pushgateway does, e.g. `push to this Pushgateway, replacing the group`; each command pushes its own way. */
  readonly pushgateway: string
}

/**
 * The sink flags of `metrics queues`, `metrics tables` and `metrics datamaps`, read
 * by src/config/sinks.ts. Only the help differs between commands.
 */
export function prometheusSinkFlags(help: PrometheusSinkHelp) {
  return {
    pushgateway: {kind: 'string', helpValue: 'URL', summary: `${help.pushgateway} [env: PUSHGATEWAY_URL]`, helpGroup: output},
    job: {kind: 'string', summary: `Pushgateway job name, with --pushgateway [default ${help.defaultJob}]`, helpGroup: output},
    grouping: {kind: 'string', multiple: true, helpValue: 'LABEL=VALUE', summary: 'Pushgateway grouping label after the job, e.g. instance=cron1, with --pushgateway (repeatable)', helpGroup: output},
    textfile: {kind: 'string', helpValue: 'PATH', summary: "write this file for node_exporter's textfile collector, atomically (PATH should end in .prom)", helpGroup: output},
    print: {kind: 'boolean', summary: 'write the Prometheus text format to stdout', helpGroup: output},
    statsd: {kind: 'boolean', summary: 'send to statsd as well; statsd is the sink only when no other is given', helpGroup: output},
  } as const satisfies FlagSpecs
}
