import dgram from 'node:dgram'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTail} from '../listen/tail-process.js'
import {udpListener} from '../support/listeners.js'
import {runCli} from '../support/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'metrics-replay-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

const PACKETS = ['checkout.orders:1|c|#env:prod\ncheckout.total:42.5|g', 'api.latency:120|ms|@0.5', 'users.seen:alice|s']
const GAP_MS = 300

describe('metrics tail --capture, then metrics send --replay', () => {
  const capture = join(dir, 'traffic.jsonl')

  beforeAll(async () => {
    const tail = await startTail(['--port', '0', '--format', 'raw', '--capture', capture])
    const sender = dgram.createSocket('udp4')
    for (const [i, packet] of PACKETS.entries()) {
      if (i > 0) await new Promise(resolve => setTimeout(resolve, GAP_MS))
      await new Promise(resolve => sender.send(packet, tail.port, '127.0.0.1', resolve))
    }
    sender.close()
    await new Promise(resolve => setTimeout(resolve, 200))
    const result = await tail.stop()
    expect(result.stderr).toContain(`captured 3 packets to ${capture}`)
  })

  it('records each packet, unchanged, with the time since the first', () => {
    const [header, ...records] = readFileSync(capture, 'utf8').trim().split('\n').map(line => JSON.parse(line))
    expect(header).toMatchObject({metricsCapture: 1, source: expect.stringMatching(/^udp:\/\/127\.0\.0\.1:\d+$/)})
    expect(records.map(record => record.data)).toEqual(PACKETS)
    // The receiving end sees the gaps as sent, give or take its own scheduling.
    expect(records[0].t).toBe(0)
    expect(records[1].t).toBeGreaterThan(GAP_MS / 2)
    expect(records[2].t - records[1].t).toBeGreaterThan(GAP_MS / 2)
    expect(records[2].t).toBeGreaterThanOrEqual(2 * GAP_MS - 40)
  })

  it('sends the packets again at their original pace', async () => {
    const upstream = await udpListener()
    const started = Date.now()
    const result = await runCli(['send', '--replay', capture, '-p', String(upstream.port)])
    const lines = await upstream.waitForLines(4)
    await upstream.close()
    expect(result.code, result.stderr).toBe(0)
    expect(lines).toEqual(PACKETS.flatMap(packet => packet.split('\n')))
    expect(upstream.received.map(datagram => datagram.toString())).toEqual(PACKETS)
    expect(result.stderr).toMatch(/^sent 4 lines \(\d+ bytes\) to udp:\/\/127\.0\.0\.1:\d+ in 3 packets/)
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * GAP_MS - 40)
  })

  it('goes faster with --speed, and sends it all at once with --speed max', async () => {
    for (const [speed, at] of [['4x', 0.25], ['max', 0]] as const) {
      const result = await runCli(['send', '--replay', capture, '--speed', speed, '--dry-run', '--json'])
      const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{')))
      expect(report.lines).toBe(4)
      expect(report.seconds * 1000).toBeLessThan(2 * GAP_MS * at + 250)
    }
  })

  it('prints the packets with --dry-run', async () => {
    const result = await runCli(['send', '--replay', capture, '--speed', 'max', '--dry-run'])
    expect(result.stdout).toBe(PACKETS.join('\n') + '\n')
    expect(result.stderr).toMatch(/^dry run: 4 lines/)
  })

  it('refuses a file that is not a capture, naming the line', async () => {
    const path = join(dir, 'plain.txt')
    writeFileSync(path, 'a:1|c\n')
    const result = await runCli(['send', '--replay', path])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`${path}:1: not JSON`)
  })

  it('replays a packet ending in a newline as the one line tail counted, with no blank line in --dry-run', async () => {
    const path = join(dir, 'trailing-newline.jsonl')
    const tail = await startTail(['--port', '0', '--format', 'raw', '--capture', path])
    const sender = dgram.createSocket('udp4')
    for (const packet of ['a:1|c\n', 'b:1|c\n\n', '\n']) await new Promise(resolve => sender.send(packet, tail.port, '127.0.0.1', resolve))
    sender.close()
    await new Promise(resolve => setTimeout(resolve, 200))
    const tailed = await tail.stop()
    expect(tailed.stderr).toMatch(/: 3 packets, 2 lines, 2 samples/)
    const replayed = await runCli(['send', '--replay', path, '--speed', 'max', '--dry-run'])
    expect(replayed.code, replayed.stderr).toBe(0)
    expect(replayed.stdout).toBe('a:1|c\nb:1|c\n')
    expect(replayed.stderr).toMatch(/^dry run: 2 lines \(10 bytes\)/)
  })

  it.each<[string[], RegExp]>([
    [['--replay', join(dir, 'missing.jsonl')], /--replay: cannot read .*missing\.jsonl: no such file or directory/],
    [['incr', 'x', '--replay', 'f'], /takes no type, name or value/],
    [['--replay', 'f', '--speed', 'fast'], /--speed: expected a factor/],
    [['incr', 'x', '--speed', '2x'], /--speed applies to --replay only/],
  ])('exits 2 for send %j', async (args, message) => {
    const result = await runCli(['send', ...args])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
  })
})
