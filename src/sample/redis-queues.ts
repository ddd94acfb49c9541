/**
 * Reads numbers out of Redis keys in at most two round trips, however many keys
 * there are. A key's length depends on its type (LLEN, ZCARD, SCARD, XLEN, HLEN);
 * a missing key is 0; a key that cannot be read fails only the gauges that include it.
 *
 * By default the type dispatch runs inside Redis: one EVAL per 1,000 keys, all in
 * one pipeline, so the whole sample is one round trip and a few commands, where a
 * TYPE and a length command per key cost ioredis several times more time than
 * Redis takes to answer them. Without scripts (`lua: false`, or on a cluster,
 * where one script may only read keys of one slot) the first round trip asks every
 * key its TYPE and the second sends the length commands. A server that refuses
 * EVAL (an ACL without +eval) is read that way too, one round trip later.
 * GET and PFCOUNT reads always travel in the first round trip.
 */
import {replyText, type RedisCommand, type RedisExecutor, type RedisReply} from '../redis/executor.js'

/**
 * How a gauge's keys become one number:
 * - `length`: the sum of each key's length, by its type (LLEN, ZCARD, SCARD, XLEN, HLEN);
 * - `get`: the sum of the keys' numeric string values (counters made with INCR);
 * - `pfcount`: the size of the union of the keys' HyperLogLogs, from one PFCOUNT.
 */
export type ReadKind = 'length' | 'get' | 'pfcount'

export const READ_KINDS: readonly ReadKind[] = ['length', 'get', 'pfcount']

export interface KeyRead {
  readonly kind: ReadKind
  readonly keys: readonly string[]
}

export type ReadOutcome = {readonly value: number; readonly failure?: undefined} | {readonly failure: string; readonly key: string; readonly value?: undefined}

export interface ReadOptions {
  /** Read lengths with EVAL when the executor allows it (the default). */
  readonly lua: boolean
}

export interface KeyReads {
  /** In the order of the reads. */
  readonly outcomes: ReadOutcome[]
  /** Set when the server refused EVAL and lengths were read with pipelines instead. */
  readonly evalRefused?: string
}

/** The command that gives the length of a key of each Redis type that holds a collection. */
export const LENGTH_COMMANDS: Readonly<Record<string, string>> = {
  list: 'llen',
  zset: 'zcard',
  set: 'scard',
  stream: 'xlen',
  hash: 'hlen',
}

/** Keys per EVAL: each script blocks the server for well under a millisecond. */
export const KEYS_PER_SCRIPT = 1000

/**
 * LENGTH_COMMANDS, run by Redis. Per key it returns the length, the type name of a
 * key that has no length, or `!` and the error (redis.pcall, so that a refused
 * command fails its key only, as in a pipeline).
 */
export const LENGTH_SCRIPT = `local lengths = {list = 'LLEN', zset = 'ZCARD', set = 'SCARD', stream = 'XLEN', hash = 'HLEN'}
local out = {}
for i, key in ipairs(KEYS) do
  local t = redis.pcall('TYPE', key)
  if t.err then
    out[i] = '!' .. t.err
  elseif t.ok == 'none' then
    out[i] = 0
  elseif lengths[t.ok] then
    local n = redis.pcall(lengths[t.ok], key)
    out[i] = type(n) == 'table' and '!' .. n.err or n
  else
    out[i] = t.ok
  end
end
return out`

const NUMBER = /^-?\d+(?:\.\d+)?$/

/** One key's number, or why it has none. A bare number, because there is one per key read. */
type KeyOutcome = number | {readonly failure: string}

export async function readKeys(redis: RedisExecutor, reads: readonly KeyRead[], options: ReadOptions = {lua: true}): Promise<KeyReads> {
  const lengthKeys = lengthKeysOf(reads)
  const useScripts = options.lua && redis.scriptsReadAnyKey && lengthKeys.length > 0
  const first = new Round()
  const scripts = useScripts ? chunk(lengthKeys, KEYS_PER_SCRIPT).map(keys => ({keys, index: first.add(scriptCommand(keys))})) : []
  const types = useScripts ? [] : lengthKeys.map(key => first.add(['type', key]))
  const gets = new Map<string, number>()
  const pfcounts = new Map<KeyRead, number>()
  reads.forEach(read => {
    if (read.kind === 'get') for (const key of read.keys) if (!gets.has(key)) gets.set(key, first.add(['get', key]))
    if (read.kind === 'pfcount' && read.keys.length > 0) pfcounts.set(read, first.add(['pfcount', ...read.keys]))
  })
  const firstReplies = await first.send(redis)

  /** Each length key's outcome, at its place in lengthKeys. */
  const lengths: KeyOutcome[] = []
  const refusal = scripts.map(script => firstReplies[script.index].error).find(error => error !== undefined)
  if (refusal === undefined) {
    for (const script of scripts) {
      const values = firstReplies[script.index].value as readonly unknown[]
      for (let i = 0; i < script.keys.length; i++) lengths.push(scriptValue(values[i]))
    }
  }
  if (!useScripts) await readByType(redis, lengthKeys, types.map(index => firstReplies[index]), lengths)
  else if (refusal !== undefined) await readByType(redis, lengthKeys, await redis.pipeline(lengthKeys.map(key => ['type', key])), lengths)

  // The length reads' keys are in lengthKeys in the order of the reads, so each read takes the next ones.
  let nextLength = 0
  const outcomes = reads.map((read): ReadOutcome => {
    if (read.kind === 'pfcount') return read.keys.length === 0 ? {value: 0} : withKey(numberReply(firstReplies[pfcounts.get(read) ?? -1]), read.keys[0])
    const first = nextLength
    if (read.kind === 'length') nextLength += read.keys.length
    let sum = 0
    // Indexed rather than for…of: in code that runs once per gauge and is never hot enough
    // to be optimised, a for…of allocates an iterator result per key.
    for (let i = 0; i < read.keys.length; i++) {
      const key = read.keys[i]
      const result = read.kind === 'get' ? getReply(firstReplies[gets.get(key) ?? -1]) : (lengths[first + i] ?? {failure: 'was not read'})
      if (typeof result !== 'number') return {failure: result.failure, key}
      sum += result
    }
    return {value: sum}
  })
  return refusal === undefined ? {outcomes} : {outcomes, evalRefused: replyText(refusal)}
}

/**
 * The keys whose length some read needs, in the order of the reads. A key that two
 * gauges share (a Celery sub-queue also named as a queue) is read twice: Redis reads
 * it in well under a microsecond, where a Map to find such keys among 10,000 cost a
 * cron run milliseconds. Indexed loops, as in readKeys: this runs per key.
 */
function lengthKeysOf(reads: readonly KeyRead[]): string[] {
  const keys: string[] = []
  for (let r = 0; r < reads.length; r++) {
    const read = reads[r]
    if (read.kind === 'length') for (let k = 0; k < read.keys.length; k++) keys.push(read.keys[k])
  }
  return keys
}

/**
 * Sends the length command each key's type needs, in one round trip, and fills
 * `lengths` (at the keys' places in `keys`) from the keys' TYPE replies.
 */
async function readByType(redis: RedisExecutor, keys: readonly string[], typeReplies: readonly RedisReply[], lengths: KeyOutcome[]): Promise<void> {
  const round = new Round()
  const sent: Array<[place: number, index: number]> = []
  keys.forEach((key, place) => {
    const type = typeReplies[place]
    const command = type.error ? undefined : LENGTH_COMMANDS[String(type.value)]
    if (type.error) lengths[place] = {failure: replyText(type.error)}
    else if (type.value === 'none') lengths[place] = 0
    else if (command) sent.push([place, round.add([command, key])])
    else lengths[place] = notACollection(String(type.value))
  })
  const replies = await round.send(redis)
  for (const [place, index] of sent) lengths[place] = numberReply(replies[index])
}

function scriptValue(value: unknown): KeyOutcome {
  if (typeof value === 'number') return value
  const text = String(value)
  return text.startsWith('!') ? {failure: text.slice(1)} : notACollection(text)
}

const notACollection = (type: string): KeyOutcome => ({failure: `is a ${type}, not a list, zset, set, stream or hash`})

const withKey = (result: KeyOutcome, key: string): ReadOutcome => (typeof result === 'number' ? {value: result} : {failure: result.failure, key})

function numberReply(reply: RedisReply): KeyOutcome {
  if (reply.error) return {failure: replyText(reply.error)}
  return typeof reply.value === 'number' ? reply.value : {failure: `replied ${JSON.stringify(reply.value)}, not a number`}
}

function getReply(reply: RedisReply): KeyOutcome {
  if (reply.error) return {failure: replyText(reply.error)}
  if (reply.value === null) return 0
  const text = String(reply.value)
  return NUMBER.test(text) ? Number(text) : {failure: `holds ${JSON.stringify(text.slice(0, 40))}, not a number`}
}

/** EVAL of LENGTH_SCRIPT on the keys. Pushed one by one: spreading them would allocate an iterator result per key, in code this cold. */
function scriptCommand(keys: readonly string[]): RedisCommand {
  const command: [string, ...string[]] = ['eval', LENGTH_SCRIPT, String(keys.length)]
  for (let i = 0; i < keys.length; i++) command.push(keys[i])
  return command
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}

/** The commands of one round trip; `add` returns a command's index in the replies. */
class Round {
  private readonly commands: RedisCommand[] = []

  add(command: RedisCommand): number {
    return this.commands.push(command) - 1
  }

  send(redis: RedisExecutor): Promise<RedisReply[]> {
    return redis.pipeline(this.commands)
  }
}
