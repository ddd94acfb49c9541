/**
 * The Redis Cluster hash slot of a key: CRC16-XMODEM of the key, or of its hash tag
 * (the part between the first `{` and the next `}`, when that part is not empty),
 * modulo 16384. Pipelines are split by the node that serves each slot.
 * See https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/#hash-tags
 */
export const SLOT_COUNT = 16384

const CRC16_TABLE = buildCrc16Table()

export function keySlot(key: string | Uint8Array): number {
  const bytes = typeof key === 'string' ? Buffer.from(key) : key
  return crc16(hashTag(bytes)) % SLOT_COUNT
}

function hashTag(bytes: Uint8Array): Uint8Array {
  const open = bytes.indexOf(0x7b)
  if (open === -1) return bytes
  const close = bytes.indexOf(0x7d, open + 1)
  if (close === -1 || close === open + 1) return bytes
  return bytes.subarray(open + 1, close)
}

function crc16(bytes: Uint8Array): number {
  let crc = 0
  for (const byte of bytes) crc = ((crc << 8) & 0xffff) ^ CRC16_TABLE[((crc >> 8) ^ byte) & 0xff]
  return crc
}

function buildCrc16Table(): Uint16Array {
  const table = new Uint16Array(256)
  for (let i = 0; i < 256; i++) {
    let crc = i << 8
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff
    table[i] = crc
  }
  return table
}
