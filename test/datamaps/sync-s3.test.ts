import {GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client} from '@aws-sdk/client-s3'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {WHOLE_MAP} from '../../src/datamaps/shard.js'
import {S3TileStore} from '../../src/datamaps/sync-s3.js'
import {syncTiles} from '../../src/datamaps/sync.js'
import {startS3, type LocalS3} from './support/s3.js'
import {stage} from './support/staging.js'

let s3: LocalS3
let client: S3Client
beforeAll(async () => {
  s3 = await startS3()
  Object.assign(process.env, s3.env)
  client = new S3Client({region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true})
})
afterAll(async () => {
  client.destroy()
  await s3.close()
})

const open = (prefix: string): Promise<S3TileStore> => S3TileStore.open({bucket: s3.bucket, prefix, endpoint: s3.endpoint, region: 'us-east-1'}, new AbortController().signal)

async function sync(prefix: string, tiles: Record<string, string>) {
  const store = await open(prefix)
  try {
    return await syncTiles(stage(store.stagingDir, tiles), store, {
      stagingDir: store.stagingDir,
      shard: WHOLE_MAP,
      summary: {name: 'data.json', body: counts => JSON.stringify({updated: 'now', ...counts})},
      signal: new AbortController().signal,
      onProgress: () => undefined,
    })
  } finally {
    await store.close()
  }
}

const keys = async (prefix: string): Promise<string[]> =>
  ((await client.send(new ListObjectsV2Command({Bucket: s3.bucket, Prefix: prefix}))).Contents ?? []).map(object => object.Key ?? '').sort()

describe('syncTiles to S3 (s3rver)', () => {
  it('uploads new tiles with their Content-Type and Cache-Control, and data.json', async () => {
    const result = await sync('tiles/', {'0/0/0.png': 'world', '1/1/0.png': 'north-east'})
    expect(result.counts).toEqual({tile_new: 2, tile_changed: 0, tile_deleted: 0, tile_unchanged: 0, tile_failed: 0})
    expect(await keys('tiles/')).toEqual(['tiles/0/0/0.png', 'tiles/1/1/0.png', 'tiles/data.json'])
    const head = await client.send(new HeadObjectCommand({Bucket: s3.bucket, Key: 'tiles/1/1/0.png'}))
    expect([head.ContentType, head.CacheControl, head.ContentLength]).toEqual(['image/png', 'max-age=3600, public', 10])
    const summary = await client.send(new GetObjectCommand({Bucket: s3.bucket, Key: 'tiles/data.json'}))
    expect(summary.ContentType).toBe('application/json')
    expect(JSON.parse((await summary.Body?.transformToString()) ?? '')).toMatchObject({updated: 'now', tile_new: 2})
  })

  it('compares by size, then by ETag, and deletes stale tiles in batches, counting each exactly', async () => {
    const stale = Object.fromEntries(Array.from({length: 1001}, (_, i) => [`12/${i}/7.png`, `stale ${i}`]))
    await sync('map/', {'5/1/1.png': 'same', '5/1/2.png': 'short', '5/1/3.png': 'abcd', ...stale})
    const result = await sync('map/', {'5/1/1.png': 'same', '5/1/2.png': 'longer now', '5/1/3.png': 'abce', '7/0/0.png': 'new'})
    expect(result.counts).toEqual({tile_new: 1, tile_changed: 2, tile_deleted: 1001, tile_unchanged: 1, tile_failed: 0})
    expect(await keys('map/')).toEqual(['map/5/1/1.png', 'map/5/1/2.png', 'map/5/1/3.png', 'map/7/0/0.png', 'map/data.json'])
  }, 60_000)

  it('writes nothing on unchanged data', async () => {
    await sync('again/', {'3/2/1.png': 'tile'})
    const before = (await client.send(new HeadObjectCommand({Bucket: s3.bucket, Key: 'again/data.json'}))).LastModified
    const result = await sync('again/', {'3/2/1.png': 'tile'})
    expect(result.counts).toEqual({tile_new: 0, tile_changed: 0, tile_deleted: 0, tile_unchanged: 1, tile_failed: 0})
    expect(result.summaryWritten).toBe(false)
    expect((await client.send(new HeadObjectCommand({Bucket: s3.bucket, Key: 'again/data.json'}))).LastModified).toEqual(before)
  })

  it('never deletes outside the prefix, nor what is not a tile', async () => {
    for (const key of ['other/1/1/1.png', 'keep/readme.txt', 'keep/1/1/x.png']) await client.send(new PutObjectCommand({Bucket: s3.bucket, Key: key, Body: 'x'}))
    const result = await sync('keep/', {'0/0/0.png': 'world'})
    expect(result.counts.tile_deleted).toBe(0)
    expect(await keys('other/')).toEqual(['other/1/1/1.png'])
    expect(await keys('keep/')).toEqual(['keep/0/0/0.png', 'keep/1/1/x.png', 'keep/data.json', 'keep/readme.txt'])
  })

  it('fails before any work for a missing bucket, with exit code 1 and a hint', async () => {
    await expect(S3TileStore.open({bucket: 'no-such-bucket', prefix: 'tiles/', endpoint: s3.endpoint, region: 'us-east-1'}, new AbortController().signal)).rejects.toMatchObject({
      exitCode: 1,
      message: 'cannot write to s3://no-such-bucket/tiles/: the server answered HTTP 404',
      hint: 'does the bucket exist, and is the endpoint an S3 server?',
    })
  })
})
