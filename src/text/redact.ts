/**
 * Credentials in connection URLs must never reach a log line or an error message.
 * `redis://user:secret@host:6379/0` is shown as `redis://user:***@host:6379/0`.
 */
const USERINFO_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)[^/?#\s]*@/gi

export function redact(text: string): string {
  return text.replace(USERINFO_PASSWORD, '$1***@')
}
