/**
 * What a value looks like, judged from its text alone: an identifier (one of a great
 * many values, such as a UUID) or free text. Pure; used by `catalog check` on closed
 * lists of values, and meant for the traffic checks on what really arrives.
 */

export type IdentifierKind = 'UUID' | 'long number' | 'hash'

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i
/** Six digits and more: ids and timestamps, not status codes, ports or years. */
const LONG_NUMBER = /^\d{6,}$/
/** 16 hex digits and more, with at least one digit: hashes, trace and object ids. */
const HASH = /^(?=.*\d)[0-9a-f]{16,}$/i

export function identifierKind(value: string): IdentifierKind | undefined {
  if (UUID.test(value)) return 'UUID'
  if (LONG_NUMBER.test(value)) return 'long number'
  if (HASH.test(value)) return 'hash'
  return undefined
}

/** Words separated by spaces: a description or a message, not a value to count by. */
export function isFreeText(value: string): boolean {
  return /\S\s+\S/.test(value)
}
