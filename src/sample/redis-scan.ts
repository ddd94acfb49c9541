/**
 * Key discovery with SCAN (never KEYS, which blocks the server for the whole
 * keyspace), on every node that holds keys, bounded by a cap so that a pattern that
 * matches millions of keys cannot exhaust memory or the run's time.
 */
import type {RedisExecutor, ScanNode} from '../redis/executor.js'

/** The SCAN COUNT hint: redis_exporter's default; larger batches stall a busy server longer per call. */
export const SCAN_COUNT = 1000

export interface ScanResult {
  /** Distinct key names, in the order found, at most `maxKeys`. */
  readonly keys: string[]
  /** True when the cap stopped the scan: more keys match than were returned. */
  readonly capped: boolean
  /** Keys whose names are not valid UTF-8: they cannot be named in a tag, so they are left out. */
  readonly notUtf8: number
}

export async function scanKeys(redis: RedisExecutor, match: string, maxKeys: number, count = SCAN_COUNT): Promise<ScanResult> {
  const found = new Set<string>()
  let notUtf8 = 0
  let capped = false
  const scanNode = async (node: ScanNode): Promise<void> => {
    let cursor = '0'
    do {
      const [next, keys] = await node.scan(cursor, match, count)
      cursor = next
      for (const bytes of keys) {
        const key = bytes.toString('utf8')
        if (!Buffer.from(key, 'utf8').equals(bytes)) notUtf8++
        else if (found.size < maxKeys) found.add(key)
        else if (!found.has(key)) capped = true
      }
    } while (cursor !== '0' && !capped)
  }
  await Promise.all(redis.scanNodes().map(scanNode))
  return {keys: [...found], capped, notUtf8}
}

/** A SCAN MATCH pattern that matches exactly `text`: glob characters are escaped. */
export function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&')
}
