// metrics catalog check on a generated 5,000-entry catalogue: median wall time of the
// whole CLI process (start-up, YAML load, matcher index, every rule, stylish output).
// Goal: under 1 s.
//
// The catalogue looks like a large real one: a <PREFIX> of two segments for the whole
// file, names with whole-segment and in-segment placeholders (<FEED_CLASS>,
// <job_name>_start, operator_failures_<operator_name>), closed and open tags, one
// description in ten over several lines, the naming conventions on, and some deliberate
// warnings (a second type for a name every 500 entries, an overlap every 250) so the
// rules have work to report.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {timeRuns, timingLine} from './_stats.mjs'

const cli = process.env.METRICS_CLI ?? fileURLToPath(new URL('../bin/run.js', import.meta.url))
const entries = Number(process.env.BENCH_ENTRIES ?? 5000)
const runs = Number(process.env.BENCH_RUNS ?? 7)

function generate(count) {
  const lines = [
    'version: 1',
    '',
    'prefix: <PREFIX>',
    '',
    'placeholders:',
    '  PREFIX:',
    '    description: lego.production or lego.staging',
    '    segments: [system, environment]',
    '    examples: [lego.production]',
    '  FEED_CLASS:',
    '    description: The feed class name',
    '  apikey:',
    '    description: The API key, often a UUID',
    '    sensitive: true',
    '    allow: [uuid]',
    '    cardinality: 5000',
    '  region:',
    '    values: [de, fr, us, none]',
    '',
    'conventions:',
    '  segments:',
    '    min: 2',
    '    max: 6',
    '  characters: a-z0-9_',
    '  case: snake',
    '',
    'metrics:',
  ]
  const types = ['counter', 'gauge', 'timer', 'histogram', 'set']
  for (let i = 0; i < count; i++) {
    const area = `area${i % 60}`
    const type = types[i % types.length]
    const shape = i % 5
    let name = [`${area}.<FEED_CLASS>.op${i}`, `${area}.batch${i}.<job_name>_start`, `${area}.group${i}.operator_failures_<operator_name>`, `${area}.request${i}`, `${area}.dag.<dag_id>.task${i}.duration`][shape]
    if (i % 500 === 499) name = `${area}.request${i - 1}`
    if (i % 250 === 124) name = `${area}.<other>.op${i - 4}`
    if (i > 0) lines.push('')
    lines.push(`  - name: ${name}`, `    type: ${i % 500 === 499 ? 'gauge' : type}`)
    if (i % 10 === 0) lines.push('    description: |-', `      What metric ${i} counts, first line.`, '      Second line: the details.')
    else lines.push(`    description: What metric ${i} measures in the ${area} handler.`)
    if (type === 'timer') lines.push('    unit: ms')
    lines.push(`    owner: team${i % 13}`)
    if (i % 2 === 0) lines.push('    tags:', '      key: <apikey>', '      path: [v1.search, v1.geolocate]', ...(i % 4 === 0 ? ['      region: <region>'] : []))
    lines.push(`    source: docs/stats.rst:${i + 40}`)
  }
  return lines.join('\n') + '\n'
}

const dir = mkdtempSync(join(tmpdir(), 'bench-catalog-'))
try {
  const file = join(dir, 'metrics.catalog.yml')
  const catalog = generate(entries)
  writeFileSync(file, catalog)
  const args = [cli, 'catalog', 'check', '--catalog', file]
  const timing = timeRuns(args, runs)
  console.log(`catalogue: ${entries} entries, ${(catalog.length / 1024).toFixed(0)} KiB`)
  console.log(timingLine('metrics catalog check', timing, 1000))
} finally {
  rmSync(dir, {recursive: true, force: true})
}
