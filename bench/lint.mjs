// metrics lint on a generated 10,000-mapping config: median wall time of the whole CLI
// process (start-up, YAML load, every rule, stylish output). Goal: under 1 s.
//
// The config looks like a large real one: mostly globs of 3–6 segments with labels, a few
// typed mappings with histogram/summary options, some deliberate warnings (a shadowed
// rule every 500, a `_milliseconds` name every 250) so the rules have work to report,
// and a handful of regex rules at the end, where statsd_exporter tries them anyway.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {median, timeRuns, timingLine, wallMs} from './_stats.mjs'

const cli = process.env.METRICS_CLI ?? fileURLToPath(new URL('../bin/run.js', import.meta.url))
const mappings = Number(process.env.BENCH_MAPPINGS ?? 10_000)
const runs = Number(process.env.BENCH_RUNS ?? 7)

function generate(count) {
  const lines = ['defaults:', '  observer_type: histogram', '  ttl: 10m', 'mappings:']
  const regexes = 20
  let previous = {prefix: '', kind: ''}
  for (let i = 0; i < count - regexes; i++) {
    const service = `svc${i % 97}`
    const area = `area${Math.floor(i / 97)}`
    const kind = ['counter', 'gauge', 'observer'][i % 3]
    if (i % 500 === 499) {
      // Shadowed: the rule just before matches everything this one does.
      lines.push(`- match: "${previous.prefix}.checkout.*"`, `  name: "${service}_${area}_checkout_total"`, `  match_metric_type: ${previous.kind}`)
      continue
    }
    previous = {prefix: `${service}.${area}.${kind}`, kind}
    const unit = i % 250 === 0 ? 'milliseconds' : kind === 'observer' ? 'seconds' : kind === 'counter' ? 'total' : 'current'
    lines.push(
      `- match: "${service}.${area}.${kind}.*.*"`,
      `  name: "${service}_${area}_${unit}"`,
      `  match_metric_type: ${kind}`,
      '  labels:',
      '    endpoint: "$1"',
      '    status: "$2"',
      `    team: "team${i % 13}"`,
    )
    if (kind === 'observer' && i % 2 === 0) lines.push('  histogram_options:', '    buckets: [0.005, 0.05, 0.5, 5]')
  }
  for (let i = 0; i < regexes; i++) {
    lines.push(`- match: 'legacy${i}\\.(\\w+)\\.(?P<action>[a-z]+)$'`, '  match_type: regex', `  name: "legacy${i}_events_total"`, '  labels:', '    kind: "$1"', '    action: "${action}"')
  }
  return lines.join('\n') + '\n'
}

const dir = mkdtempSync(join(tmpdir(), 'bench-lint-'))
try {
  const file = join(dir, 'mapping.yml')
  const config = generate(mappings)
  writeFileSync(file, config)
  const args = [cli, 'lint', file, '--max-warnings', '1000000']
  const timing = timeRuns(args, runs)
  const version = []
  for (let i = 0; i < runs; i++) version.push(wallMs(process.execPath, [cli, '--version']))
  console.log(`config: ${mappings} mappings, ${(config.length / 1024).toFixed(0)} KiB`)
  console.log(timingLine('metrics lint       ', timing, 1000))
  console.log(`metrics --version   median ${median(version).toFixed(0)} ms  (start-up alone)`)
} finally {
  rmSync(dir, {recursive: true, force: true})
}
