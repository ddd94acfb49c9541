import fc from 'fast-check'

/** What breaks naive URL handling and redaction: URL delimiters, escapes, quotes, shell and regex metacharacters. */
const HOSTILE = [...'#?/@: %&=+\'"\\`$!,;[](){}<>|^~.*-_', 'é', '😱', '%2', '%41', '%zz', '@h', '://']
const PLAIN = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789']

/**
 * Passwords of 8 to 24 characters with at least one character a URL must escape:
 * base64 with its `/` and `+`, random ASCII, a space, an unescaped `@` or `%`.
 * `without` leaves characters out, for forms that cannot carry them.
 */
export function hostilePassword(without: readonly string[] = []): fc.Arbitrary<string> {
  const pieces = (set: readonly string[]): string[] => set.filter(piece => !without.some(character => piece.includes(character)))
  const hostile = fc.constantFrom(...pieces(HOSTILE))
  const piece = fc.oneof({arbitrary: fc.constantFrom(...PLAIN), weight: 2}, {arbitrary: hostile, weight: 1})
  return fc
    .tuple(fc.array(piece, {minLength: 7, maxLength: 22}), hostile, fc.nat())
    .map(([body, forced, at]) => {
      const index = at % (body.length + 1)
      return [...body.slice(0, index), forced, ...body.slice(index)].join('')
    })
    // Pieces can still meet to form what was left out (`:` `/` `/`).
    .filter(password => !without.some(text => password.includes(text)))
}
