import {BaseCommand} from '../base-command.js'
import {toOclifFlags} from '../flags/oclif.js'
import {tailFlags} from '../listen/flags.js'

export default class Tail extends BaseCommand {
  static override summary = 'Listen for statsd packets and show what arrives: every line, a table per interval, or the busiest series.'

  static override description = `Parses every line format statsd_exporter accepts (plain, DogStatsD |#k:v, InfluxDB name,k=v, Librato name#k=v, SignalFX name[k=v]) and shows bad lines with statsd_exporter's reason. Listens on UDP 127.0.0.1:8125 unless told otherwise; control characters in what arrives are shown escaped.

On stop (--count, --duration, the end of --input, Ctrl-C) a summary goes to stderr: packets, lines, samples, bad lines by reason, and every drop (kernel receive buffer, forwarding queue, slow output, --max-series).

Exit codes: 0 stopped normally; 1 could not listen (address in use) or a --capture write failed; 2 bad flags or an unreadable --input.`

  static override examples = [
    '<%= config.bin %> tail',
    '<%= config.bin %> tail --port 9125 --filter "api.*" --type timer',
    '<%= config.bin %> tail --aggregate --interval 10s --percentiles 90,99',
    '<%= config.bin %> tail --top',
    '<%= config.bin %> tail --format json | jq -c "select(.type == \\"ms\\")"',
    '<%= config.bin %> tail --forward 127.0.0.1:9125 --capture traffic.jsonl',
    '<%= config.bin %> tail --input capture.txt --format json --tag-formats dogstatsd',
    '<%= config.bin %> tail --tcp --port 8125 --count 100',
  ]

  static override flags = toOclifFlags(tailFlags)

  async run(): Promise<void> {
    const {flags} = await this.parse(Tail)
    const [{parseTailOptions}, {runTail}, {formatSummary}] = await Promise.all([
      import('../listen/options.js'),
      import('../listen/tail.js'),
      import('../listen/summary.js'),
    ])
    const summary = await runTail(parseTailOptions(flags), this.io())
    process.stderr.write(formatSummary(summary) + '\n')
  }
}
