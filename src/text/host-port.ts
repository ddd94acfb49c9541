/** `host:port` for messages and URLs, with an IPv6 host in brackets: `[::1]:8125`. */
export function formatHostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`
}
