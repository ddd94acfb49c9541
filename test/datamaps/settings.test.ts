import {describe, expect, it} from 'vitest'
import type {ConfigFile} from '../../src/config/file.js'
import {resolveDatamapsSettings} from '../../src/datamaps/settings.js'
import {redact} from '../../src/text/redact.js'

const noConfig: ConfigFile = {document: {}}
const config = (datamaps: Record<string, unknown>): ConfigFile => ({path: 'metrics.config.yaml', document: {datamaps}})

describe('resolveDatamapsSettings', () => {
  it('takes flag > environment > config file > default', () => {
    const env = {DATABASE_URL: 'mysql://env@db/location'}
    const file = config({source: 'csv:from-file.csv', output: 's3://bucket/from-file', maxZoom: 9, concurrency: 3, shard: '1/2'})
    expect(resolveDatamapsSettings({source: 'csv:flag.csv'}, env, file).source).toEqual({kind: 'csv', path: 'flag.csv'})
    expect(resolveDatamapsSettings({}, env, file).source).toEqual({kind: 'mysql', url: 'mysql://env@db/location'})
    const fromFile = resolveDatamapsSettings({}, {}, file)
    expect(fromFile).toMatchObject({source: {kind: 'csv', path: 'from-file.csv'}, output: {kind: 's3', bucket: 'bucket', prefix: 'from-file/'}, maxZoom: 9, concurrency: 3, shard: {index: 1, count: 2}})
    const defaults = resolveDatamapsSettings({source: 'csv:-'}, {}, noConfig)
    expect(defaults).toMatchObject({output: {kind: 'dir', path: 'tiles'}, maxZoom: 11, shard: {index: 0, count: 1}, s3: {region: 'us-east-1'}})
    expect(defaults.concurrency).toBeGreaterThanOrEqual(1)
  })

  it('makes statsd the sink when no Prometheus sink is given, and both with --statsd', () => {
    expect(resolveDatamapsSettings({source: 'csv:-', port: '9125'}, {}, noConfig).sinks).toMatchObject({statsd: {port: 9125}, print: false})
    const both = resolveDatamapsSettings({source: 'csv:-', print: true, statsd: true, pushgateway: 'http://gw:9091'}, {}, noConfig).sinks
    expect(both).toMatchObject({print: true, statsd: {port: 8125}, pushgateway: {url: 'http://gw:9091', job: 'metrics_datamaps', method: 'post'}})
    expect(resolveDatamapsSettings({source: 'csv:-', textfile: 'x.prom'}, {}, noConfig).sinks.statsd).toBeUndefined()
  })

  it('takes --timeout for the database connect and the push, default 10 s', () => {
    expect(resolveDatamapsSettings({source: 'csv:-'}, {}, noConfig).timeoutMs).toBe(10_000)
    const settings = resolveDatamapsSettings({source: 'csv:-', timeout: '3s', pushgateway: 'http://gw:9091'}, {}, noConfig)
    expect(settings.timeoutMs).toBe(3000)
    expect(settings.sinks.pushgateway?.timeoutMs).toBe(3000)
  })

  it('never quotes a password given in --output, and remembers the AWS secrets', () => {
    for (const output of ['https://u:output-secret@host/tiles', 's3://u:output-secret@bucket/tiles']) {
      expect(() => resolveDatamapsSettings({source: 'csv:-', output}, {}, noConfig)).toThrow(expect.objectContaining({message: expect.not.stringContaining('output-secret')}))
    }
    resolveDatamapsSettings({source: 'csv:-'}, {AWS_SECRET_ACCESS_KEY: 'aws-secret-key', AWS_SESSION_TOKEN: 'aws-session-token'}, noConfig)
    expect(redact('signed with aws-secret-key and aws-session-token')).toBe('signed with *** and ***')
  })

  it('reads the S3 endpoint and region from the usual AWS variables', () => {
    const settings = resolveDatamapsSettings({source: 'csv:-'}, {AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9000', AWS_REGION: 'eu-west-1'}, noConfig)
    expect(settings.s3).toEqual({endpoint: 'http://127.0.0.1:9000', region: 'eu-west-1'})
  })

  it.each([
    [{}, {}, noConfig, 'no source of grid cells'],
    [{source: 'postgres://db/x'}, {}, noConfig, '--source: datamaps reads MySQL or MariaDB, not postgres'],
    [{source: 'mysql://db'}, {}, noConfig, '--source: mysql://db names no database'],
    [{source: 'csv:'}, {}, noConfig, '--source: csv: needs a path'],
    [{source: 'csv:-', 'max-zoom': '14'}, {}, noConfig, '--max-zoom: expected a zoom from 0 to 13, got "14"'],
    [{source: 'csv:-', 'max-zoom': 'eleven'}, {}, noConfig, '--max-zoom: expected a zoom from 0 to 13'],
    [{source: 'csv:-', concurrency: '0'}, {}, noConfig, '--concurrency: expected a whole number of at least 1'],
    [{source: 'csv:-', shard: '4/4'}, {}, noConfig, '--shard: expected i/n with 0 <= i < n, got "4/4"'],
    [{source: 'csv:-', output: 's3://Bad_Bucket/x'}, {}, noConfig, '--output: "Bad_Bucket" is not a valid S3 bucket name'],
    [{source: 'csv:-', output: 'https://example.com/tiles'}, {}, noConfig, 'is not a directory or an s3:// URL'],
    [{source: 'csv:-', 's3-endpoint': 'minio:9000'}, {}, noConfig, '--s3-endpoint: expected an http:// or https:// URL'],
    [{source: 'mysql://ro:100%sure@db/location'}, {}, noConfig, '--source: the password has a bad %-escape'],
    [{source: 'mysql://ro:ab/cd@db/location'}, {}, noConfig, '--source: "mysql://ro:***@db/location" is neither a database URL nor csv:PATH'],
    [{source: 'csv:-', timeout: 'soon'}, {}, noConfig, '--timeout'],
  ])('refuses %j with a usage error naming where: %s', (flags, env, file, message) => {
    expect(() => resolveDatamapsSettings(flags, env, file)).toThrow(expect.objectContaining({exitCode: 2, message: expect.stringContaining(message)}))
  })
})
