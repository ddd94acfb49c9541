import {spawn} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createInterface} from 'node:readline'

/** A real S3-protocol server (s3rver) on loopback, on a free port, with one empty bucket. */
export interface LocalS3 {
  readonly endpoint: string
  readonly bucket: string
  /** What the SDK needs to sign requests s3rver accepts. */
  readonly env: Record<string, string>
  close(): Promise<void>
}

export const S3RVER_ENV = {AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'}

// s3rver signs ListObjectsV2 continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider.
const SERVER = `
const S3rver = require(process.argv[1])
const server = new S3rver({port: 0, address: '127.0.0.1', silent: true, directory: process.argv[2], configureBuckets: [{name: process.argv[3]}]})
server.run().then(({port}) => console.log(port))
process.stdin.on('end', () => server.close().then(() => process.exit(0))).resume()
`

/**
 * s3rver in a child process: its event loop stays free while a test blocks its own,
 * and listing more than 1000 keys works (see SERVER).
 */
export async function startS3(bucket = 'tiles-bucket'): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), 'datamaps-s3rver-'))
  const module = createRequire(import.meta.url).resolve('s3rver')
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', SERVER, module, directory, bucket], {stdio: ['pipe', 'pipe', 'inherit']})
  const [port] = await new Promise<string[]>((resolve, reject) => {
    createInterface({input: child.stdout}).once('line', line => resolve([line]))
    child.once('exit', code => reject(new Error(`s3rver exited with ${code}`)))
  })
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    env: S3RVER_ENV,
    async close() {
      const exited = new Promise(resolve => child.once('exit', resolve))
      child.stdin.end()
      await exited
      rmSync(directory, {recursive: true, force: true})
    },
  }
}
