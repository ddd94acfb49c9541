import {UsageError} from '../errors.js'
import {redact, rememberUrlSecrets} from '../text/redact.js'

/** Where tiles go: a directory (the default kind), or an S3 bucket and key prefix. */
export type OutputSpec = {readonly kind: 'dir'; readonly path: string} | {readonly kind: 's3'; readonly bucket: string; readonly prefix: string}

export const DEFAULT_OUTPUT = 'tiles'
/** Ichnaea's prefix, used when the URL names only a bucket. */
const DEFAULT_PREFIX = 'tiles/'
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

/** `DIR`, or `s3://bucket/prefix` (tiles at prefix/z/x/y.png; `s3://bucket` means prefix `tiles/`). */
export function parseOutput(text: string, source: string): OutputSpec {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
  // S3 credentials come from the AWS variables, but a URL may still carry a password.
  if (url) rememberUrlSecrets(text)
  if (!text.startsWith('s3://')) {
    if (text === '') throw new UsageError(`${source}: the output directory must not be empty`)
    if (url) throw new UsageError(`${source}: ${redact(JSON.stringify(text))} is not a directory or an s3:// URL`)
    return {kind: 'dir', path: text}
  }
  const rest = text.slice('s3://'.length)
  const slash = rest.indexOf('/')
  const bucket = slash === -1 ? rest : rest.slice(0, slash)
  if (!BUCKET.test(bucket)) throw new UsageError(`${source}: ${redact(JSON.stringify(bucket))} is not a valid S3 bucket name`, 'e.g. --output s3://my-bucket/tiles')
  const path = slash === -1 ? '' : rest.slice(slash + 1).replace(/^\/+/, '')
  return {kind: 's3', bucket, prefix: path === '' ? DEFAULT_PREFIX : path.endsWith('/') ? path : `${path}/`}
}

export function describeOutput(spec: OutputSpec): string {
  return spec.kind === 'dir' ? spec.path : `s3://${spec.bucket}/${spec.prefix}`
}
