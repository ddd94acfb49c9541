// metrics catalog import of a generated 5,000-entry doc: median wall time of the whole CLI
// process (start-up, reading, every reader, assembling, writing the YAML). Goal: under 1 s.
//
// Two docs of the shapes real ones have: a reStructuredText grid table of
// `<PREFIX>.<FEED_CLASS>.…` names with multi-line descriptions under typed sections, and
// a reference list of DogStatsD-tagged names (several names an item, `: counters`,
// an indented description, `: tags` items after some), whose names differ only by tag
// values so they fold into fewer metrics. Each has 5,000 documented entries.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {timeRuns, timingLine} from './_stats.mjs'

const cli = process.env.METRICS_CLI ?? fileURLToPath(new URL('../bin/run.js', import.meta.url))
const entries = Number(process.env.BENCH_ENTRIES ?? 5_000)
const runs = Number(process.env.BENCH_RUNS ?? 7)
const TYPES = ['Counters', 'Gauges', 'Timers']

function gridDoc(count) {
  const nameWidth = 48
  const textWidth = 60
  const border = `+${'-'.repeat(nameWidth + 2)}+${'-'.repeat(textWidth + 2)}+`
  const row = (name, text) => `| ${name.padEnd(nameWidth)} | ${text.padEnd(textWidth)} |`
  const lines = ['Stats', '=====', '', '*We use shop.production or shop.staging as statsd prefix.*', '']
  const perSection = Math.ceil(count / TYPES.length)
  for (let s = 0; s < TYPES.length; s++) {
    lines.push(TYPES[s], '-'.repeat(TYPES[s].length), '', border, row('Name', 'Description'), border.replace(/-/g, '='))
    for (let i = s * perSection; i < Math.min(count, (s + 1) * perSection); i++) {
      const name = i % 4 === 0 ? `<PREFIX>.<FEED_CLASS>.area${i % 97}.op_${i}` : `<PREFIX>.svc${i % 53}.area${i % 97}.op_${i}`
      lines.push(row(name, `Track the work of operation ${i}, one of many`), row('', i % 3 === 0 ? `in area ${i % 97}, described over two lines.` : ''), border)
    }
    lines.push('')
  }
  return lines.join('\n')
}

function referenceDoc(count) {
  const lines = ['Metrics', '=======', '']
  const perItem = 4
  for (let i = 0; i < count; i += perItem) {
    if (i % 400 === 0) lines.push(`Area ${i / 400} Metrics`, '-'.repeat(`Area ${i / 400} Metrics`.length), '')
    const base = `svc${i % 61}.area${Math.floor(i / perItem)}.request`
    const names = []
    for (let k = 0; k < perItem && i + k < count; k++) names.push(`\`\`${base}#path:v${k}.lookup,key:<apikey>\`\``)
    lines.push(names.join(',\n') + ` : ${['counters', 'gauges', 'timers'][i % 3]}`, '', `    How many times path ${i} was called, per API key.`, '    The key is the short name of the API key.', '')
    if (i % 40 === 0) lines.push('``#region:<region_code>``, ``#geoip:false`` : tags', '', '    Added when the request has a region.', '')
  }
  return lines.join('\n')
}

const dir = mkdtempSync(join(tmpdir(), 'bench-catalog-import-'))
try {
  for (const [label, text] of [['grid table', gridDoc(entries)], ['reference list', referenceDoc(entries)]]) {
    const doc = join(dir, 'stats.rst')
    const output = join(dir, 'metrics.catalog.yml')
    writeFileSync(doc, text)
    const args = [cli, 'catalog', 'import', doc, '-o', output, '--force']
    const timing = timeRuns(args, runs)
    const written = readFileSync(output, 'utf8')
    const metrics = (written.match(/^ {2}- name: /gm) ?? []).length
    console.log(`${label}: ${entries} entries, ${(text.length / 1024).toFixed(0)} KiB → ${metrics} metrics, ${(written.length / 1024).toFixed(0)} KiB of YAML`)
    console.log(timingLine('  metrics catalog import', timing, 1000))
  }
} finally {
  rmSync(dir, {recursive: true, force: true})
}
