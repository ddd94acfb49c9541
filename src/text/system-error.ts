/**
 * What a failed system call means, in words a user reads: `no such file or directory`,
 * never `ENOENT` or unix-dgram's bare `connect -2`. Every message that reports a file,
 * socket or connection error words it here; each caller adds where it happened and a
 * hint of its own, keyed by the code.
 */
import {getSystemErrorMap, getSystemErrorName} from 'node:util'

const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'it already exists',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EIO: 'an input/output error',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ECONNABORTED: 'the connection was aborted',
  EPIPE: 'the other end closed the connection',
  ETIMEDOUT: 'timed out',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EAI_FAIL: 'host name lookup failed',
  EAI_NONAME: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  EHOSTDOWN: 'host down',
  ENETUNREACH: 'network unreachable',
  EADDRINUSE: 'the address is already in use',
  EADDRNOTAVAIL: 'that address is not on this machine',
  EAFNOSUPPORT: 'that address family is not supported here',
  EPROTOTYPE: 'wrong type of socket',
  ENOTSOCK: 'not a socket',
  EMSGSIZE: 'a message is longer than the transport allows',
  ENOBUFS: 'out of buffer space',
  EAGAIN: 'the receiver is not keeping up',
  EWOULDBLOCK: 'the receiver is not keeping up',
}

/**
 * The errno name of an error, or undefined when it has none. Node's errors carry it as
 * `code`; unix-dgram gives a negative errno number instead.
 */
export function systemErrorCode(error: unknown): string | undefined {
  const code = (error as {code?: unknown} | null | undefined)?.code
  if (typeof code === 'string') return code
  // getSystemErrorName names an errno it does not know "Unknown system error -N".
  if (typeof code === 'number' && Number.isInteger(code) && code < 0) return /^E[A-Z0-9_]+$/.exec(getSystemErrorName(code))?.[0]
  return undefined
}

/**
 * The error in words: a system error's meaning, or else the first line of its message.
 * Not yet safe for a terminal: the error renderer, or the caller, makes it visible.
 */
export function describeError(error: unknown): string {
  const code = systemErrorCode(error)
  const words = code === undefined ? undefined : (WORDS[code] ?? libuvWords(code))
  if (words !== undefined) return words
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0].trim() || 'unknown error'
}

/** libuv's own description for a code we have not worded, e.g. `EBADF` → `bad file descriptor`. */
function libuvWords(code: string): string | undefined {
  descriptions ??= new Map([...getSystemErrorMap().values()])
  return descriptions.get(code)
}

let descriptions: Map<string, string> | undefined
