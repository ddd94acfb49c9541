import {BaseCommand} from '../base-command.js'
import {outputIo} from '../cli/io.js'
import {redactStderr} from '../cli/redact-stderr.js'
import {toOclifFlags} from '../flags/oclif.js'
import {queuesFlags} from '../queues/flags.js'
import {runQueues, type QueuesReport} from '../queues/run.js'

export default class Queues extends BaseCommand {
  static override summary = 'Send Redis queue lengths as gauges, from cron, to statsd or Prometheus.'

  static override description = `Reads the length of every queue (LLEN, ZCARD, SCARD, XLEN or HLEN by key type; a missing key is 0) in one round trip, an EVAL per 1,000 keys, or in two pipelines (TYPE, then the lengths) with --pipelines or on a cluster. Sends gauge "queue" tagged queue:<name> to statsd, or queue_length{queue="<name>"} to a Pushgateway, a node_exporter textfile or stdout.
Celery queues (--celery) are summed over their priority sub-queues. Config-file checks read other keys, such as Ichnaea's API counters and HyperLogLogs.

Ctrl-C or SIGTERM stops at once, even while Redis never answers: a sample in progress sends nothing. A loop (--interval) then exits as for any stop; a single run exits 1.

Exit codes: 0 every gauge was read and sent; 1 Redis was unreachable, refused the login or timed out (nothing is sent), a key could not be read (the others are sent), a sink failed, or a single run was interrupted; 2 bad flags or config.`

  static override examples = [
    '<%= config.bin %> queues --queue default --queue emails',
    '<%= config.bin %> queues --redis redis://:secret@redis:6379/1 --celery --queue celery --pattern "celery_*"',
    '<%= config.bin %> queues --preset ichnaea --tag-style flat --prefix location',
    '<%= config.bin %> queues --pattern "bull:*:wait" --pushgateway http://pushgateway:9091 --grouping instance=$(hostname)',
    '<%= config.bin %> queues --preset ichnaea --textfile /var/lib/node_exporter/textfile_collector/queues.prom',
    '<%= config.bin %> queues --sentinel sentinel1:26379 --sentinel sentinel2:26379 --master mymaster --queue default --print',
    '<%= config.bin %> queues --config /etc/metrics.yaml --interval 60s',
  ]

  static override flags = toOclifFlags(queuesFlags)

  static override enableJsonFlag = true

  async run(): Promise<QueuesReport> {
    redactStderr()
    const {flags} = await this.parse(Queues)
    const report = await runQueues(flags, {...outputIo(this.io()), json: this.jsonEnabled()})
    // The gauges that could be read were sent; the failures are already on stderr. Exit 1 without
    // throwing, so that --json still prints the values that were read.
    if (report.failedSamples > 0) process.exitCode = 1
    return report
  }
}
