import {BaseCommand} from '../base-command.js'
import {toOclifFlags} from '../flags/oclif.js'
import {tailFlags} from '../listen/flags.js'

export default class Tail extends BaseCommand {
  static override summary = 'Listen for statsd packets and show what arrives: every line, a table per interval, or the busiest series.'

  static override description = `Parses every line format statsd_exporter accepts (plain, DogStatsD |#k:v, InfluxDB name,k=v, Librato name#k=v, SignalFX name[k=v]) and shows bad lines with statsd_exporter's reason. Listens on UDP 127.0.0.1:8125 unless told otherwise. Control characters, and characters that reorder or hide text (bidi controls, zero-width and other format characters), are shown escaped; names past 100 characters are shortened around … in pretty, --aggregate and --top (JSON keeps them whole).

With --mapping FILE every view shows the Prometheus series each line becomes under a statsd_exporter mapping config (or dropped, or unmapped); the file reloads when it changes and on SIGHUP, and an edit that does not load keeps the previous mappings. With --expose [HOST:]PORT tail serves /metrics as statsd_exporter would, self-metrics included, on 127.0.0.1 unless a host is given.

On stop (--count, --duration, the end of --input, Ctrl-C or SIGTERM) tail reads what the socket still holds (2 s at most), then a summary goes to stderr: packets, lines, samples, bad lines by reason, and every drop (kernel receive buffer, forwarding queue, slow output, --max-series, TCP connections refused or closed); --capture is closed whole and a unixgram socket removed. A second Ctrl-C or SIGTERM ends it at once.

A reader of stdout that goes away (| head) stops tail quietly; stdout that cannot be written (a full disk) stops it with one line after the summary.

Exit codes: 0 stopped normally (Ctrl-C and SIGTERM included, and a reader of stdout that went away); 1 could not listen or serve (address in use), writing --capture failed while running, or stdout could not be written (a full disk); 2 bad flags or config, an unreadable --input, an unwritable --capture path, an existing --socket path, or a --mapping that does not load.`

  static override examples = [
    '<%= config.bin %> tail',
    '<%= config.bin %> tail --port 9125 --filter "api.*" --type timer',
    '<%= config.bin %> tail --aggregate --interval 10s --percentiles 90,99',
    '<%= config.bin %> tail --top',
    '<%= config.bin %> tail --format json | jq -c "select(.type == \\"ms\\")"',
    '<%= config.bin %> tail --forward 127.0.0.1:9125 --capture traffic.jsonl',
    '<%= config.bin %> tail --input capture.txt --format json --tag-formats dogstatsd',
    '<%= config.bin %> tail --tcp --port 8125 --count 100',
    '<%= config.bin %> tail --mapping statsd_mapping.yml',
    '<%= config.bin %> tail --mapping statsd_mapping.yml --top --by series',
    '<%= config.bin %> tail --mapping statsd_mapping.yml --expose 9102 --quiet',
  ]

  static override flags = toOclifFlags(tailFlags)

  async run(): Promise<void> {
    const {flags} = await this.parse(Tail)
    const [{parseTailOptions}, {runTail}, {formatSummary}, {locateConfigFile, readConfigFile}, {OperationError}] = await Promise.all([
      import('../listen/options.js'),
      import('../listen/tail.js'),
      import('../listen/summary.js'),
      import('../config/file.js'),
      import('../errors.js'),
    ])
    const options = parseTailOptions(flags)
    // tail stops on a failing stdout and reports it after its summary (src/listen/output.ts),
    // not at once as the base command's watcher would.
    process.stdout.removeAllListeners('error')
    const io = this.io()
    // tail takes no setting from the config file, but refuses one that every other command would refuse.
    readConfigFile(locateConfigFile(flags.config, io.env, io.cwd))
    const summary = await runTail(options, io)
    process.stderr.write(formatSummary(summary) + '\n')
    if (summary.stdoutFailure !== undefined) throw new OperationError(`cannot write to stdout: ${summary.stdoutFailure}`)
  }
}
