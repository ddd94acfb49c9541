import {Args} from '@oclif/core'
import {BaseCommand} from '../base-command.js'
import {toOclifFlags} from '../flags/oclif.js'
import {sendFlags} from '../send/flags.js'
import {runSend, summarizeSend, type SendReport} from '../send/run.js'

export default class Send extends BaseCommand {
  static override summary = 'Send statsd metrics, events and service checks.'

  static override description = `Types: incr|increment|count, decr|decrement, gauge (+N/-N is a delta), timing|timer, histogram, distribution, set, event, check.
A value like 50..250 is drawn uniformly on every line in load mode (--count, --rate, --duration).
\`metrics send -\` reads lines from stdin: raw wire lines, or "type name [value] [k:v ...]".
\`metrics send --replay FILE\` sends the packets a \`metrics tail --capture FILE\` recorded, at their original pace (--speed 2x, or max).
Ctrl-C or SIGTERM stops load mode, stdin and a replay, and reports what was sent; sends still in flight get a second, then a server that takes nothing is given up.

Exit codes: 0 sent; 1 a transport error (refused, unresolvable, no socket), invalid stdin lines, or lines a server never took before a stop; 2 bad arguments, flags or config, or a --replay file that cannot be read or is not a capture.`

  static override examples = [
    '<%= config.bin %> send incr page.views',
    '<%= config.bin %> send gauge queue.depth 42 --tag queue:default',
    '<%= config.bin %> send timing api.latency 50..250 --rate 100/s --duration 30s',
    '<%= config.bin %> send incr task --tag name:function --tag-style flat --dry-run',
    '<%= config.bin %> send event deploy "v2.3 is out" --alert-type success',
    'printf "incr a\\ngauge b 3 env:prod\\n" | <%= config.bin %> send -',
    '<%= config.bin %> send --replay traffic.jsonl --speed 2x --port 9125',
  ]

  static override args = {
    type: Args.string({description: 'metric type, or - to read lines from stdin'}),
    name: Args.string({description: 'metric name (event title, service check name)'}),
    value: Args.string({description: 'value: a number, +N/-N for a gauge delta, LOW..HIGH for a range, a member for a set, text for an event, ok|warning|critical|unknown for a check'}),
  }

  static override flags = toOclifFlags(sendFlags)

  static override enableJsonFlag = true

  async run(): Promise<SendReport> {
    const {args, flags} = await this.parse(Send)
    const report = await runSend(args, flags, this.io())
    if (!flags.quiet && !this.jsonEnabled()) process.stderr.write(summarizeSend(report) + '\n')
    return report
  }
}
