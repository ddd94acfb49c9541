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
import type {RedisCommand, RedisExecutor, RedisReply} from '../redis/executor.js'

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

type KeyOutcome = {readonly value: number; readonly failure?: undefined} | {readonly failure: string; readonly value?: undefined}

export async function readKeys(redis: RedisExecutor, reads: readonly KeyRead[], options: ReadOptions = {lua: true}): Promise<KeyReads> {
  const lengthKeys = [...new Set(reads.flatMap(read => (read.kind === 'length' ? read.keys : [])))]
  const useScripts = options.lua && redis.scriptsReadAnyKey && lengthKeys.length > 0
  const first = new Round()
  const scripts = useScripts ? chunk(lengthKeys, KEYS_PER_SCRIPT).map(keys => ({keys, index: first.add(['eval', LENGTH_SCRIPT, String(keys.length), ...keys])})) : []
  const types = useScripts ? new Map<string, number>() : new Map(lengthKeys.map(key => [key, first.add(['type', key])]))
  const gets = new Map<string, number>()
  const pfcounts = new Map<KeyRead, number>()
  for (const read of reads) {
    if (read.kind === 'get') for (const key of read.keys) if (!gets.has(key)) gets.set(key, first.add(['get', key]))
    if (read.kind === 'pfcount' && read.keys.length > 0) pfcounts.set(read, first.add(['pfcount', ...read.keys]))
  }
  const firstReplies = await first.send(redis)

  const lengths = new Map<string, KeyOutcome>()
  const refusal = scripts.map(script => firstReplies[script.index].error).find(error => error !== undefined)
  if (refusal === undefined) {
    for (const script of scripts) {
      const values = firstReplies[script.index].value as readonly unknown[]
      script.keys.forEach((key, i) => lengths.set(key, scriptValue(values[i])))
    }
  }
  if (!useScripts) await readByType(redis, types, firstReplies, lengths)
  else if (refusal !== undefined) {
    const [retyped, typeReplies] = await typeRound(redis, lengthKeys)
    await readByType(redis, retyped, typeReplies, lengths)
  }

  const keyOutcome = (kind: ReadKind, key: string): KeyOutcome => (kind === 'get' ? getReply(firstReplies[gets.get(key) ?? -1]) : (lengths.get(key) ?? {failure: 'was not read'}))
  const outcomes = reads.map((read): ReadOutcome => {
    if (read.kind === 'pfcount') return read.keys.length === 0 ? {value: 0} : withKey(numberReply(firstReplies[pfcounts.get(read) ?? -1]), read.keys[0])
    let sum = 0
    for (const key of read.keys) {
      const result = keyOutcome(read.kind, key)
      if (result.failure !== undefined) return {failure: result.failure, key}
      sum += result.value
    }
    return {value: sum}
  })
  return refusal === undefined ? {outcomes} : {outcomes, evalRefused: refusal.message}
}

/** A round trip of TYPE commands, for when scripts were refused. */
async function typeRound(redis: RedisExecutor, keys: readonly string[]): Promise<[Map<string, number>, RedisReply[]]> {
  const round = new Round()
  const types = new Map(keys.map(key => [key, round.add(['type', key])]))
  return [types, await round.send(redis)]
}

/** Sends the length command each key's type needs, in one round trip, and fills `lengths`. */
async function readByType(redis: RedisExecutor, types: ReadonlyMap<string, number>, typeReplies: readonly RedisReply[], lengths: Map<string, KeyOutcome>): Promise<void> {
  const round = new Round()
  const sent = new Map<string, number>()
  for (const [key, index] of types) {
    const type = typeReplies[index]
    const command = type.error ? undefined : LENGTH_COMMANDS[String(type.value)]
    if (type.error) lengths.set(key, {failure: type.error.message})
    else if (type.value === 'none') lengths.set(key, {value: 0})
    else if (command) sent.set(key, round.add([command, key]))
    else lengths.set(key, notACollection(String(type.value)))
  }
  const replies = await round.send(redis)
  for (const [key, index] of sent) lengths.set(key, numberReply(replies[index]))
}

function scriptValue(value: unknown): KeyOutcome {
  if (typeof value === 'number') return {value}
  const text = String(value)
  return text.startsWith('!') ? {failure: text.slice(1)} : notACollection(text)
}

const notACollection = (type: string): KeyOutcome => ({failure: `is a ${type}, not a list, zset, set, stream or hash`})

const withKey = (result: KeyOutcome, key: string): ReadOutcome => (result.failure === undefined ? {value: result.value} : {failure: result.failure, key})

function numberReply(reply: RedisReply): KeyOutcome {
  if (reply.error) return {failure: reply.error.message}
  return typeof reply.value === 'number' ? {value: reply.value} : {failure: `replied ${JSON.stringify(reply.value)}, not a number`}
}

function getReply(reply: RedisReply): KeyOutcome {
  if (reply.error) return {failure: reply.error.message}
  if (reply.value === null) return {value: 0}
  const text = String(reply.value)
  return NUMBER.test(text) ? {value: Number(text)} : {failure: `holds ${JSON.stringify(text.slice(0, 40))}, not a number`}
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
