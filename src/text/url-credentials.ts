/**
 * Credentials in the URLs users give: a user name or password may hold any character,
 * percent-encoded. Unescaped, `# ? / @ : %` and spaces break the URL apart, and the
 * messages here say so without ever quoting the password.
 */
import {UsageError} from '../errors.js'
import {redact} from './redact.js'

export const ESCAPE_HINT = 'percent-encode # ? / @ : % and spaces in the user name and password: # is %23, ? %3F, / %2F, @ %40, : %3A, % %25, a space %20'

/** Whether a URL that does not parse would with its password hidden: then an unescaped character of the password breaks it. */
export function passwordBreaksUrl(text: string): boolean {
  return !URL.canParse(text) && URL.canParse(redact(text))
}

/** A part of a parsed URL (user name, password, path) decoded; `what` names it in the message, e.g. `--db mysql://… password`. */
export function decodeUrlPart(text: string, what: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    throw new UsageError(`${what} has a bad %-escape`, ESCAPE_HINT)
  }
}
