// Ingest through the Prometheus bridge: the blaster (bench/_blaster.mjs) sends 25-line
// UDP packets at 500,000 lines/s for 10 s to `metrics tail --quiet --mapping M --expose`,
// where M has 100 glob and regex rules, and Prometheus scrapes it every second meanwhile.
// Reports lines per second processed, the fraction dropped, and the scrape that followed.
// Needs `npm run build` first.
//
//   BENCH_RATE=500000 BENCH_SECONDS=10 node bench/expose-ingest.mjs
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {maxRate, measure, percent, startTail, waitFor} from './_blaster.mjs'

const GOAL = 500_000

/** 100 rules: the blaster's names are matched by a few of them, after the rest are tried. */
function mappingConfig() {
  const rules = []
  for (let i = 0; i < 90; i++) {
    rules.push(`  - match: "svc${i}.*.requests"\n    name: "svc${i}_requests_total"\n    labels:\n      endpoint: "$1"`)
  }
  for (let i = 0; i < 6; i++) {
    rules.push(`  - match: "^legacy${i}\\\\.(\\\\w+)\\\\.latency$"\n    match_type: regex\n    name: "legacy${i}_latency_seconds"\n    labels:\n      op: "$1"`)
  }
  rules.push('  - match: "shop.checkout.requests"\n    name: "checkout_requests_total"')
  rules.push('  - match: "shop.checkout.latency"\n    name: "checkout_latency_seconds"\n    observer_type: histogram')
  rules.push('  - match: "shop.queue.depth.*"\n    name: "queue_depth"\n    labels:\n      queue: "$1"')
  rules.push('  - match: "shop.api.hits.*"\n    name: "api_hits_total"\n    labels:\n      endpoint: "$1"')
  return `mappings:\n${rules.join('\n')}\n`
}

async function main() {
  const rate = Number(process.env.BENCH_RATE ?? GOAL)
  const seconds = Number(process.env.BENCH_SECONDS ?? 10)
  const dir = mkdtempSync(join(tmpdir(), 'bench-expose-'))
  const mapping = join(dir, 'mapping.yml')
  writeFileSync(mapping, mappingConfig())
  const format = n => Math.round(n).toLocaleString('en-US')
  try {
    const start = port => startScraped(port, mapping)
    const result = await measure(start, rate, seconds)
    console.log(`tail --expose at ${format(rate)} lines/s for ${seconds} s (blaster sent ${format(result.sent / result.seconds)}/s): processed ${format(result.processed / result.seconds)} lines/s, dropped ${percent(result)} (kernel drops ${format(result.kernelDrops)} packets); ${result.scrapes} scrapes, slowest ${result.slowestScrapeMs.toFixed(0)} ms  (goal >= ${format(GOAL)} lines/s, no drops)`)
    if (process.env.BENCH_STEPS === '0') return
    const best = await maxRate(start, Number(process.env.BENCH_STEP_SECONDS ?? 3))
    console.log(`highest rate with no drops: ${format(best)} lines/s`)
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

/** tail with the mapping and --expose, scraped every second as Prometheus would. */
async function startScraped(port, mapping) {
  const tail = await startTail(port, ['--quiet', '--mapping', mapping, '--expose', '0'])
  await waitFor(() => /serving (\S+)/.test(tail.stderr()), tail.stderr)
  const url = /serving (\S+)/.exec(tail.stderr())[1]
  let scrapes = 0
  let slowestScrapeMs = 0
  let scraping = true
  const scraper = (async () => {
    while (scraping) {
      const started = performance.now()
      const response = await fetch(url)
      await response.text()
      slowestScrapeMs = Math.max(slowestScrapeMs, performance.now() - started)
      scrapes++
      await new Promise(resolve => setTimeout(resolve, 1000))
    }
  })()
  return {
    name: tail.name,
    async stop() {
      scraping = false
      await scraper
      return {...(await tail.stop()), scrapes, slowestScrapeMs}
    },
  }
}

await main()
