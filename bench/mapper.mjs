#!/usr/bin/env node
// Mapper throughput: glob lookups per second at 1,000 rules (cached and uncached) and
// microseconds per lookup at 100 regex rules. Runs on the built code: `npx tsc -p tsconfig.json`
// first (or `npm run build`), then `node bench/mapper.mjs`.
import {loadMappingConfig} from '../dist/mapping/load.js'
import {createMapper} from '../dist/mapping/mapper.js'

const GLOB_RULES = 1000
const REGEX_RULES = 100
const NAMES = 1000

function globConfig() {
  const lines = ['mappings:']
  for (let i = 0; i < GLOB_RULES; i++) {
    // Three shapes, so the FSM has shared prefixes, literals next to stars, and several lengths.
    if (i % 3 === 0) lines.push(`- match: "svc${i}.*.request.*"`, `  name: "svc${i}_requests_total"`, '  labels:', '    instance: "$1"', '    code: "$2"')
    else if (i % 3 === 1) lines.push(`- match: "svc${i}.*.latency"`, `  name: "svc${i}_latency_seconds"`, '  labels:', '    instance: "$1"')
    else lines.push(`- match: "app.svc${i}.*.*.*"`, `  name: "app_events_total"`, '  labels:', `    service: "svc${i}"`, '    host: "$1"', '    action: "$2"', '    outcome: "$3"')
  }
  return lines.join('\n')
}

function globNames() {
  const names = []
  for (let n = 0; n < NAMES; n++) {
    const i = (n * 7919) % GLOB_RULES
    if (i % 3 === 0) names.push(`svc${i}.host${n % 17}.request.${200 + (n % 5)}`)
    else if (i % 3 === 1) names.push(`svc${i}.host${n % 17}.latency`)
    else names.push(`app.svc${i}.host${n % 17}.login.ok`)
  }
  return names
}

function regexConfig() {
  const lines = ['mappings:']
  for (let i = 0; i < REGEX_RULES; i++) {
    lines.push(`- match: '^job${i}\\.(?P<host>[a-z0-9-]+)\\.(\\w+)\\.(\\d+)$'`, '  match_type: regex', `  name: "job${i}_\${2}_total"`, '  labels:', '    host: "$host"', '    code: "$3"')
  }
  return lines.join('\n')
}

/**
 * The same rules written so that no literal is required at top level. When a literal was
 * the pre-check before each rule's JavaScript RegExp, every such rule's RegExp ran; the
 * RE2 set (regex.ts) makes one pass for all rules either way. The lines keep their names
 * so that figures stay comparable.
 */
function regexConfigWithoutLiterals() {
  const lines = ['mappings:']
  for (let i = 0; i < REGEX_RULES; i++) {
    lines.push(`- match: '^(?:job${i}|task${i})\\.(?P<host>[a-z0-9-]+)\\.(\\w+)\\.(\\d+)$'`, '  match_type: regex', `  name: "job${i}_\${2}_total"`, '  labels:', '    host: "$host"', '    code: "$3"')
  }
  return lines.join('\n')
}

function load(text) {
  const {config, diagnostics} = loadMappingConfig(text)
  if (!config) throw new Error(`bench config did not load: ${JSON.stringify(diagnostics.slice(0, 3))}`)
  return config
}

/**
 * Runs `fn` over `names` in `rounds` rounds of about `seconds` each and keeps the best
 * round: on a shared machine the other rounds measure the neighbours. Returns lookups per
 * second of wall time and per second of this process's CPU time in that round.
 */
function measure(names, fn, {rounds = 5, seconds = 0.3} = {}) {
  for (let i = 0; i < 200_000; i++) fn(names[i % names.length]) // warm up the JIT
  let best = {wall: 0, cpu: 0}
  for (let round = 0; round < rounds; round++) {
    let lookups = 0
    const cpuStart = process.cpuUsage()
    const start = process.hrtime.bigint()
    const budget = BigInt(Math.round(seconds * 1e9))
    let elapsed = 0n
    while (elapsed < budget) {
      for (let i = 0; i < 20_000; i++) fn(names[(lookups + i) % names.length])
      lookups += 20_000
      elapsed = process.hrtime.bigint() - start
    }
    const cpu = process.cpuUsage(cpuStart)
    const wall = lookups / (Number(elapsed) / 1e9)
    if (wall > best.wall) best = {wall, cpu: lookups / ((cpu.user + cpu.system) / 1e6)}
  }
  return best
}

const checksum = {matched: 0}
const count = (result) => { if (result.matched) checksum.matched++ }

const globs = load(globConfig())
const names = globNames()
// The cached run keeps its 1,000 names in a cache that holds them all; the miss run uses the default size.
const cached = createMapper(globs, {cacheSize: 10_000})
const defaultCache = createMapper(globs)
const uncached = createMapper(globs, {cacheSize: 0})
const cachedRate = measure(names, (name) => count(cached.map(name, 'counter')))
const uncachedRate = measure(names, (name) => count(uncached.map(name, 'counter')))
// 200,000 distinct names through the default 1,000-entry cache: every lookup misses and is stored.
const uniqueNames = Array.from({length: 200_000}, (_, n) => names[n % NAMES].replace('.host', `.h${n}-`))
const missRate = measure(uniqueNames, (name) => count(defaultCache.map(name, 'gauge')))

const regexes = load(regexConfig())
const regexMapper = createMapper(regexes, {cacheSize: 0})
const regexNames = Array.from({length: NAMES}, (_, n) => `job${(n * 37) % REGEX_RULES}.host-${n % 13}.login.${200 + (n % 5)}`)
const worstNames = Array.from({length: NAMES}, (_, n) => `nojob.host-${n % 13}.login.${200 + (n % 5)}`)
const regexAverage = measure(regexNames, (name) => count(regexMapper.map(name, 'counter')))
const regexWorst = measure(worstNames, (name) => count(regexMapper.map(name, 'counter')))
const bareMapper = createMapper(load(regexConfigWithoutLiterals()), {cacheSize: 0})
const bareAverage = measure(regexNames, (name) => count(bareMapper.map(name, 'counter')))
const bareWorst = measure(worstNames, (name) => count(bareMapper.map(name, 'counter')))

const rate = ({wall, cpu}) => `${Math.round(wall).toLocaleString('en-US')} lookups/s (${Math.round(cpu).toLocaleString('en-US')} per CPU-second)`
const micros = ({wall, cpu}) => `${(1e6 / wall).toFixed(2)} µs/lookup (${(1e6 / cpu).toFixed(2)} µs of CPU)`
const [load1] = (await import('node:os')).loadavg()
console.log(`load average ${load1.toFixed(1)} on ${(await import('node:os')).availableParallelism()} CPUs; best of 5 rounds each`)
console.log(`glob, ${GLOB_RULES} rules, cached:               ${rate(cachedRate)}   goal >= 7,000,000/s`)
console.log(`glob, ${GLOB_RULES} rules, uncached (no cache):  ${rate(uncachedRate)}   goal >= 1,500,000/s`)
console.log(`glob, ${GLOB_RULES} rules, every lookup a miss:  ${rate(missRate)}`)
console.log(`regex, ${REGEX_RULES} rules, average:             ${micros(regexAverage)}   goal < 8 µs`)
console.log(`regex, ${REGEX_RULES} rules, no rule matches:     ${micros(regexWorst)}`)
console.log(`regex, ${REGEX_RULES} rules, no literal to pre-check, average:         ${micros(bareAverage)}`)
console.log(`regex, ${REGEX_RULES} rules, no literal to pre-check, no rule matches: ${micros(bareWorst)}`)
if (checksum.matched === 0) throw new Error('nothing matched: the bench measures the wrong thing')
