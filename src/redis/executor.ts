/**
 * The two things sampling needs from Redis, whatever its topology: pipelines that
 * cost one round trip, and SCAN on every node that holds keys. A standalone server
 * or a Sentinel-found master is one node; a Cluster splits each pipeline by the
 * node that serves each key's slot and sends the parts concurrently.
 */
import type {Cluster, Redis} from 'ioredis'
import {keySlot} from './key-slot.js'

/**
 * A command and its arguments. On a cluster the first argument is the key that
 * routes it, so EVAL, whose first argument is the script, is sent only where
 * `scriptsReadAnyKey` holds.
 */
export type RedisCommand = readonly [name: string, ...args: string[]]

/** What Redis answered one command: a value, or the error it replied (WRONGTYPE, NOPERM, CROSSSLOT…). */
export type RedisReply = {readonly value: unknown; readonly error?: undefined} | {readonly error: Error; readonly value?: undefined}

export interface ScanNode {
  /** host:port, for messages. */
  readonly name: string
  /** One SCAN call: the next cursor ('0' when done) and the key names, as bytes. */
  scan(cursor: string, match: string, count: number): Promise<[cursor: string, keys: Buffer[]]>
}

export interface RedisExecutor {
  /**
   * Sends the commands in one round trip and returns the replies in order. Rejects,
   * instead of returning per-command errors, when no reply can be trusted: the
   * connection failed, or Redis refused the session (see FATAL_REPLY_CODES).
   */
  pipeline(commands: readonly RedisCommand[]): Promise<RedisReply[]>
  /** The nodes that hold keys: the server, or every master of a cluster. */
  scanNodes(): readonly ScanNode[]
  /** One script may read any key: true on one node; on a cluster a script's keys must share a slot. */
  readonly scriptsReadAnyKey: boolean
  /** Pipelines sent so far (each one round trip, however many nodes it spanned). */
  readonly pipelines: number
  /** SCAN calls made so far, on all nodes. */
  readonly scanCalls: number
}

/**
 * Reply error codes that are about the session, not the key: every other reply of
 * the pipeline is as wrong, so the whole sample fails and nothing is sent.
 */
export const FATAL_REPLY_CODES: readonly string[] = ['NOAUTH', 'WRONGPASS', 'LOADING', 'MASTERDOWN', 'CLUSTERDOWN']

export function replyCode(error: Error): string {
  return /^[A-Z]+/.exec(error.message)?.[0] ?? ''
}

/** A reply's text without the command Redis echoes back after it (`, with args beginning with: …`, a whole script for EVAL). */
export function replyText(error: Error): string {
  return error.message.replace(/, with args beginning with: [^]*$/, '').trim()
}

/** A reply error (Redis answered), as opposed to a connection or client error. */
const isReplyError = (error: Error): boolean => error.name === 'ReplyError'

type PipelineResult = Array<[error: Error | null, value: unknown]> | null

abstract class CountingExecutor implements RedisExecutor {
  abstract readonly scriptsReadAnyKey: boolean
  pipelines = 0
  scanCalls = 0

  async pipeline(commands: readonly RedisCommand[]): Promise<RedisReply[]> {
    if (commands.length === 0) return []
    this.pipelines++
    const replies = await this.send(commands)
    for (const reply of replies) {
      if (reply.error && (!isReplyError(reply.error) || FATAL_REPLY_CODES.includes(replyCode(reply.error)))) throw reply.error
    }
    return replies
  }

  abstract scanNodes(): readonly ScanNode[]

  protected abstract send(commands: readonly RedisCommand[]): Promise<RedisReply[]>

  protected scanNode(name: string, client: Redis): ScanNode {
    return {
      name,
      scan: async (cursor, match, count) => {
        this.scanCalls++
        const [next, keys] = await client.scanBuffer(cursor, 'MATCH', match, 'COUNT', count)
        return [next.toString(), keys]
      },
    }
  }
}

export class NodeExecutor extends CountingExecutor {
  readonly scriptsReadAnyKey = true

  constructor(
    private readonly client: Redis,
    private readonly name: string,
  ) {
    super()
  }

  scanNodes(): readonly ScanNode[] {
    return [this.scanNode(this.name, this.client)]
  }

  protected async send(commands: readonly RedisCommand[]): Promise<RedisReply[]> {
    return toReplies(await this.client.pipeline(commands.map(command => [...command])).exec(), commands.length)
  }
}

export class ClusterExecutor extends CountingExecutor {
  readonly scriptsReadAnyKey = false

  constructor(private readonly cluster: Cluster) {
    super()
  }

  scanNodes(): readonly ScanNode[] {
    return this.cluster.nodes('master').map(node => this.scanNode(`${node.options.host}:${node.options.port}`, node))
  }

  /** ioredis sends a cluster pipeline to one node, so the commands are grouped by the nodes serving their slots. */
  protected async send(commands: readonly RedisCommand[]): Promise<RedisReply[]> {
    const groups = new Map<string, number[]>()
    const replies: RedisReply[] = Array.from({length: commands.length})
    commands.forEach((command, index) => {
      const slot = keySlot(command[1] ?? '')
      if (MULTI_KEY_COMMANDS.has(command[0]) && command.slice(2).some(key => keySlot(key) !== slot)) {
        replies[index] = {error: crossSlotError()}
        return
      }
      const nodes = this.cluster.slots[slot]
      // A slot no node serves means the cluster is not fully up: no reply could be complete.
      if (nodes === undefined || nodes.length === 0) throw new Error(`cluster slot ${slot} is not served by any node`)
      const group = nodes.join(';')
      const members = groups.get(group)
      if (members) members.push(index)
      else groups.set(group, [index])
    })
    await Promise.all(
      [...groups.values()].map(async indexes => {
        const result = await this.cluster.pipeline(indexes.map(index => [...commands[index]])).exec()
        toReplies(result, indexes.length).forEach((reply, i) => (replies[indexes[i]] = reply))
      }),
    )
    return replies
  }
}

/** Commands whose every argument is a key; ioredis would refuse the whole pipeline if they spanned slots. */
const MULTI_KEY_COMMANDS: ReadonlySet<string> = new Set(['pfcount'])

/** The reply Redis itself gives, so that it fails only this command. */
function crossSlotError(): Error {
  const error = new Error("CROSSSLOT Keys in request don't hash to the same slot (use a {hash tag} to keep them together)")
  error.name = 'ReplyError'
  return error
}

function toReplies(result: PipelineResult, expected: number): RedisReply[] {
  if (result === null || result.length !== expected) throw new Error('the Redis pipeline was aborted')
  return result.map(([error, value]) => (error ? {error} : {value}))
}
