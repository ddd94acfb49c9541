/**
 * `metrics send --replay FILE [--speed 2x]`: sends the packets a `metrics tail --capture`
 * recorded, at the pace they arrived (or N times faster, or as fast as the socket takes
 * them with `--speed max`), through the same writer as every other send.
 */
import {stat} from 'node:fs/promises'
import {countCapturedPackets, readCapture} from '../capture/read.js'
import {UsageError} from '../errors.js'
import {statsdLines} from '../statsd/lines.js'
import type {SendArgs, SendFlags} from './flags.js'
import type {LineWriter} from './load.js'

export interface ReplayPlan {
  readonly path: string
  /** How many times faster than captured; Infinity for as fast as possible. */
  readonly speed: number
}

/** The replay asked for, validated; undefined when there is no --replay. */
export function replayPlan(args: SendArgs, flags: SendFlags): ReplayPlan | undefined {
  if (flags.replay === undefined) {
    if (flags.speed !== undefined) throw new UsageError('--speed applies to --replay only')
    return undefined
  }
  if (args.type !== undefined) throw new UsageError('--replay sends a capture file; it takes no type, name or value')
  const other = (['count', 'rate', 'duration', 'sample-rate'] as const).find(name => flags[name] !== undefined)
  if (other !== undefined) throw new UsageError(`--${other} does not apply to --replay`, 'use --speed to change the pace')
  return {path: flags.replay, speed: flags.speed === undefined ? 1 : parseSpeed(flags.speed)}
}

/** The replay asked for, ready to send through a writer; undefined when there is no --replay. */
export function plannedReplay(args: SendArgs, flags: SendFlags): {send(writer: LineWriter, signal: AbortSignal): Promise<void>} | undefined {
  const plan = replayPlan(args, flags)
  return plan === undefined ? undefined : {send: (writer, signal) => replayCapture(plan, writer, signal)}
}

/** `2x`, `0.5`, `max`. */
export function parseSpeed(text: string): number {
  const trimmed = text.trim()
  if (trimmed.toLowerCase() === 'max') return Number.POSITIVE_INFINITY
  // Trimmed first: `\s*x?\s*$` backtracks over every split of a run of spaces.
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*x?$/i.exec(trimmed)
  const speed = match ? Number(match[1]) : Number.NaN
  if (!(speed > 0)) throw new UsageError(`--speed: expected a factor such as 2x, 0.5x or max, got ${JSON.stringify(text)}`)
  return speed
}

/**
 * Sends each packet when its time comes, `t / speed` after the start. Packets are read one
 * at a time, so a capture of any size replays in bounded memory. A packet goes as the
 * lines tail counted in it (src/statsd/lines.ts): `a:1|c\n` is sent, and counted, as the
 * one line `a:1|c`, and a packet of nothing but newlines is not sent. A file with a bad
 * line sends nothing. Bytes that are not UTF-8 (kept as base64 in the capture) reach the
 * writer as text, with U+FFFD in their place.
 */
export async function replayCapture(plan: ReplayPlan, writer: LineWriter, signal: AbortSignal): Promise<void> {
  // A bad line found halfway would leave the replay half-sent: a file is checked whole first.
  // A pipe can be read only once, so it is checked as it plays.
  if ((await stat(plan.path).catch(() => undefined))?.isFile() === true) await countCapturedPackets(plan.path, '--replay', signal)
  const capture = await readCapture(plan.path, '--replay', signal)
  const started = performance.now()
  for await (const {t, packet} of capture) {
    if (signal.aborted) break
    const lines = statsdLines(packet.toString('utf8'))
    if (lines.length === 0) continue
    const wait = started + t / plan.speed - performance.now()
    if (wait >= 1) await sleep(wait, signal)
    if (signal.aborted) break
    const ready = writer.writeText(lines.join('\n'))
    if (ready) await ready
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, {once: true})
    function done(): void {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
  })
}
