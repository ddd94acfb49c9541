/**
 * What kind of server sent some first bytes, for the message when a client reached
 * the wrong one: `HTTP: "HTTP/1.1 400 Bad Request"`, `TLS`, `like MySQL or MariaDB`, or
 * the bytes themselves, cut short. Pure; the caller makes the result visible.
 */
const SHOWN_BYTES = 40

export function describeAnswer(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  const firstLine = text.split(/\r?\n/, 1)[0].slice(0, SHOWN_BYTES)
  if (/^HTTP\/\d/.test(text)) return `HTTP: ${JSON.stringify(firstLine)}`
  if (text.startsWith('SSH-')) return `SSH: ${JSON.stringify(firstLine)}`
  // A TLS record: content type 20-23 (21 is an alert), then version 3.x.
  if (bytes.length >= 3 && bytes[0] >= 20 && bytes[0] <= 23 && bytes[1] === 3) return 'TLS'
  // The MySQL handshake: a 3-byte length, sequence 0, protocol version 10.
  if (bytes.length >= 5 && bytes[3] === 0 && bytes[4] === 10) return 'like MySQL or MariaDB'
  // A PostgreSQL ErrorResponse: 'E', a 4-byte length, then the severity field 'S'.
  if (bytes.length >= 6 && text[0] === 'E' && text[5] === 'S') return 'like PostgreSQL'
  return JSON.stringify(text.slice(0, SHOWN_BYTES)) + (text.length > SHOWN_BYTES ? '…' : '')
}
