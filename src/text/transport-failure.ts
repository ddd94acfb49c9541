/**
 * Why a connection got no answer of the kind it expected, in words, with a hint: the
 * libraries say `socket hang up`, `Parse Error: Expected HTTP/` or
 * `write EPROTO …:SSL routines:ssl3_get_record:wrong version number:…`.
 */
import {describeError, systemErrorCode} from './system-error.js'

export interface TransportFailure {
  readonly reason: string
  readonly hint?: string
}

/** A TLS handshake that failed, or undefined when the error is something else. `plain` is the scheme without TLS: `http://`. */
export function tlsFailure(error: unknown, plain: string): TransportFailure | undefined {
  const message = error instanceof Error ? error.message : String(error)
  if (/wrong version number|packet length too long|EPROTO/.test(message)) return {reason: 'the TLS handshake failed: the server does not speak TLS', hint: `use ${plain} for a server without TLS`}
  if (/certificate|self[- ]signed|unable to verify|altnames/i.test(message)) return {reason: `its TLS certificate was refused: ${describeError(error)}`, hint: 'for a private CA set NODE_EXTRA_CA_CERTS=ca.pem'}
  if (/before secure TLS connection was established/.test(message)) return {reason: 'the connection closed during the TLS handshake', hint: `is that port a TLS server? For one without TLS use ${plain}`}
  return undefined
}

/** The failure, or undefined when the request got an answer (or failed some other way). `server` says what should answer: `a Pushgateway`. */
export function httpTransportFailure(error: unknown, server: string): TransportFailure | undefined {
  const message = error instanceof Error ? error.message : String(error)
  const systemCode = systemErrorCode(error)
  const code = systemCode ?? (error as {code?: unknown} | null | undefined)?.code
  if (typeof code === 'string' && code.startsWith('HPE_')) return {reason: 'the server there does not speak HTTP', hint: `is that port ${server}?`}
  const tls = tlsFailure(error, 'http://')
  if (tls !== undefined) return tls
  if (message === 'socket hang up' || code === 'ECONNRESET') return {reason: 'the server closed the connection without an HTTP answer', hint: `is that port ${server}? One behind TLS needs https://`}
  if (systemCode === undefined) return undefined
  const hints: Record<string, string> = {
    ECONNREFUSED: `is ${server} listening there?`,
    ENOTFOUND: 'check the host name',
    EAI_AGAIN: 'check the host name and DNS',
    EHOSTUNREACH: 'check the host and the network',
    ENETUNREACH: 'check the host and the network',
    ETIMEDOUT: 'check the host and the network',
  }
  return {reason: describeError(error), ...(hints[systemCode] === undefined ? {} : {hint: hints[systemCode]})}
}
