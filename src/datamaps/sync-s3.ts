import {createHash, randomUUID} from 'node:crypto'
import {readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import type {S3Client} from '@aws-sdk/client-s3'
import {OperationError} from '../errors.js'
import {freshStagingDirectory} from '../io/leftovers.js'
import {httpTransportFailure} from '../text/transport-failure.js'
import {redact} from '../text/redact.js'
import {describeError} from '../text/system-error.js'
import type {TileStore} from './sync.js'
import {isTilePath} from './tile-path.js'

export interface S3Location {
  readonly bucket: string
  /** Ends in `/`. */
  readonly prefix: string
  /** An S3-compatible endpoint (MinIO, R2, a local test server); path-style addressing is used with it. */
  readonly endpoint?: string
  readonly region: string
}

/** Ichnaea's headers: browsers and CDNs may keep a tile an hour. */
const CACHE_CONTROL = 'max-age=3600, public'
/** The most keys S3's DeleteObjects takes in one request. */
const DELETE_BATCH = 1000

type S3Module = typeof import('@aws-sdk/client-s3')

/**
 * Tiles under an S3 prefix. Compared by size and then by ETag, which is the MD5 of
 * an object uploaded in one part (every tile is). Uploads carry Content-MD5, so S3
 * rejects a body damaged on the way; deletes go 1000 keys a request.
 */
export class S3TileStore implements TileStore {
  readonly parallelism = 16
  private readonly etags = new Map<string, string>()

  private constructor(
    private readonly s3: S3Module,
    private readonly client: S3Client,
    private readonly where: S3Location,
    readonly stagingDir: string,
    /** Every request's options: Ctrl-C or SIGTERM gives it up. */
    private readonly request: {readonly abortSignal: AbortSignal},
  ) {}

  get location(): string {
    return `s3://${this.where.bucket}/${this.where.prefix}`
  }

  /**
   * Checks, before any work, that the bucket exists and that we may write and delete under the prefix.
   * Aborting `interrupt` fails every request in flight at once: an S3 object is written whole or
   * not at all, and a server that stopped answering holds nothing up.
   */
  static async open(where: S3Location, interrupt: AbortSignal): Promise<S3TileStore> {
    // The SDK warns on every run that its releases from 2027 need Node 22: news for whoever upgrades it, noise in a nightly job's log.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
    const s3 = await import('@aws-sdk/client-s3')
    const client = new s3.S3Client({
      region: where.region,
      ...(where.endpoint ? {endpoint: where.endpoint, forcePathStyle: true} : {}),
      // Checksums only where S3 requires them, which S3-compatible servers also understand.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    })
    const request = {abortSignal: interrupt}
    const probe = `${where.prefix}.datamaps-write-test-${randomUUID()}`
    const target = `s3://${where.bucket}/${where.prefix}`
    try {
      await client.send(new s3.HeadBucketCommand({Bucket: where.bucket}), request)
      await client.send(new s3.PutObjectCommand({Bucket: where.bucket, Key: probe, Body: 'probe'}), request)
      await client.send(new s3.DeleteObjectCommand({Bucket: where.bucket, Key: probe}), request)
    } catch (error) {
      client.destroy()
      throw s3Error(error, `cannot write to ${target}`)
    }
    return new S3TileStore(s3, client, where, await freshStagingDirectory(tmpdir(), 'metrics-datamaps-'), request)
  }

  async list(): Promise<ReadonlyMap<string, number>> {
    const tiles = new Map<string, number>()
    let token: string | undefined
    do {
      const page = await this.attempt(this.client.send(new this.s3.ListObjectsV2Command({Bucket: this.where.bucket, Prefix: this.where.prefix, ContinuationToken: token}), this.request), 'list')
      for (const object of page.Contents ?? []) {
        const path = (object.Key ?? '').slice(this.where.prefix.length)
        if (!isTilePath(path)) continue
        tiles.set(path, object.Size ?? 0)
        this.etags.set(path, (object.ETag ?? '').replace(/"/g, ''))
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
    return tiles
  }

  async md5(path: string): Promise<string> {
    return this.etags.get(path) ?? ''
  }

  async put(path: string, stagedFile: string): Promise<void> {
    const body = await readFile(stagedFile)
    const md5 = createHash('md5').update(body).digest('base64')
    await this.attempt(
      this.client.send(new this.s3.PutObjectCommand({Bucket: this.where.bucket, Key: this.where.prefix + path, Body: body, ContentType: 'image/png', CacheControl: CACHE_CONTROL, ContentMD5: md5}), this.request),
      `upload ${path}`,
    )
  }

  async remove(paths: readonly string[]): Promise<Array<{path: string; reason: string}>> {
    const failed: Array<{path: string; reason: string}> = []
    for (let first = 0; first < paths.length; first += DELETE_BATCH) {
      const batch = paths.slice(first, first + DELETE_BATCH)
      const result = await this.attempt(
        this.client.send(new this.s3.DeleteObjectsCommand({Bucket: this.where.bucket, Delete: {Objects: batch.map(path => ({Key: this.where.prefix + path})), Quiet: true}}), this.request),
        'delete',
      )
      for (const error of result.Errors ?? []) failed.push({path: (error.Key ?? '').slice(this.where.prefix.length), reason: error.Message ?? error.Code ?? 'not deleted'})
    }
    return failed
  }

  async hasSummary(name: string): Promise<boolean> {
    try {
      await this.client.send(new this.s3.HeadObjectCommand({Bucket: this.where.bucket, Key: this.where.prefix + name}), this.request)
      return true
    } catch (error) {
      if ((error as {$metadata?: {httpStatusCode?: number}}).$metadata?.httpStatusCode === 404) return false
      throw s3Error(error, `cannot read s3://${this.where.bucket}/${this.where.prefix}${name}`)
    }
  }

  async putSummary(name: string, json: string): Promise<void> {
    await this.attempt(
      this.client.send(new this.s3.PutObjectCommand({Bucket: this.where.bucket, Key: this.where.prefix + name, Body: json, ContentType: 'application/json', CacheControl: CACHE_CONTROL}), this.request),
      `upload ${name}`,
    )
  }

  async close(): Promise<void> {
    this.client.destroy()
    await rm(this.stagingDir, {recursive: true, force: true})
  }

  private async attempt<Output>(request: Promise<Output>, action: string): Promise<Output> {
    try {
      return await request
    } catch (error) {
      throw s3Error(error, `S3 ${action} in ${this.location} failed`)
    }
  }
}

function s3Error(error: unknown, what: string): OperationError {
  const transport = httpTransportFailure(error, 'an S3 server')
  if (transport !== undefined) return new OperationError(`${what}: ${transport.reason}`, transport.hint)
  const status = (error as {$metadata?: {httpStatusCode?: number}}).$metadata?.httpStatusCode
  const name = (error as Error).name
  const hints: Record<string, string> = {
    NotFound: 'does the bucket exist?',
    NoSuchBucket: 'does the bucket exist?',
    Forbidden: 'check the credentials and the bucket policy',
    AccessDenied: 'check the credentials and the bucket policy',
    CredentialsProviderError: 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or an AWS profile',
  }
  if (name === 'CredentialsProviderError') return new OperationError(`${what}: no AWS credentials found`, hints[name])
  // An error the SDK cannot read from the body (a bare 404 to a HEAD, a server that is not S3) says only UnknownError.
  if ((error as Error).message === 'UnknownError' && status !== undefined) {
    return new OperationError(`${what}: the server answered HTTP ${status}`, status === 404 ? 'does the bucket exist, and is the endpoint an S3 server?' : status === 403 ? hints.Forbidden : undefined)
  }
  const reason = redact(describeError(error) || name)
  const detail = status && status !== 200 && !reason.includes(String(status)) ? `${reason} (HTTP ${status})` : reason
  return new OperationError(`${what}: ${detail}`, hints[name])
}
