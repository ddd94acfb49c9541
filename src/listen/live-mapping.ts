/**
 * The mapping config tail translates through (--mapping), replaced whole when the file
 * changes or on SIGHUP. An edit that no longer loads keeps the previous mappings, as
 * statsd_exporter does, and the reload reports why in lint's words. Without --mapping
 * (--expose or --by series alone) every sample is unmapped, as with an empty config.
 */
import {SeriesTranslator, type SeriesOutcome, type Translator} from '../exporter/translate.js'
import {readFileCapped} from '../io/files.js'
import {stylish} from '../lint/formatters/stylish.js'
import {lintLoaded} from '../lint/index.js'
import {loadConfigOrFail} from '../lint/map-run.js'
import {loadMappingConfig} from '../mapping/load.js'
import {createMapper, type Mapper} from '../mapping/mapper.js'
import type {MappingConfig} from '../mapping/model.js'
import type {PrometheusEvent} from '../statsd/parse.js'
import {describeError} from '../text/system-error.js'
import {visible} from '../text/visible.js'

export interface MappingCounts {
  readonly loadedMappings: number
  readonly reloads: {readonly success: number; readonly failure: number}
  readonly cache: {readonly gets: number; readonly hits: number}
}

/** The outcome of one reload, for stderr. */
export interface ReloadNotice {
  readonly ok: boolean
  readonly text: string
}

interface Loaded {
  readonly config: MappingConfig
  readonly mapper: Mapper
  readonly translator: SeriesTranslator
}

export class LiveMapping implements Translator {
  private current: Loaded
  private success = 0
  private failure = 0
  /** Cache counts of the mappers replaced so far: statsd_exporter's cache counters do not restart on reload. */
  private retired = {gets: 0, hits: 0}

  private constructor(
    /** undefined: no --mapping, nothing to reload. */
    private readonly path: string | undefined,
    config: MappingConfig,
  ) {
    this.current = this.build(config)
  }

  /** The config as read at start; one that does not load stops tail (exit 2) before anything listens. */
  static fromBytes(path: string, bytes: Uint8Array): LiveMapping {
    return new LiveMapping(path, loadConfigOrFail(path, bytes))
  }

  /** No config: every sample unmapped. */
  static empty(): LiveMapping {
    const {config} = loadMappingConfig('')
    if (config === undefined) throw new Error('the empty mapping config does not load')
    return new LiveMapping(undefined, config)
  }

  translate(name: string, event: PrometheusEvent): SeriesOutcome {
    return this.current.translator.translate(name, event)
  }

  get counts(): MappingCounts {
    const {hits, misses} = this.current.mapper.cacheStats
    return {
      loadedMappings: this.current.config.mappings.length,
      reloads: {success: this.success, failure: this.failure},
      cache: {gets: this.retired.gets + hits + misses, hits: this.retired.hits + hits},
    }
  }

  /** Reads the file again, within the cap every input has; undefined without --mapping. */
  async reload(read: (path: string) => Promise<Uint8Array> = readFileCapped): Promise<ReloadNotice | undefined> {
    const {path} = this
    if (path === undefined) return undefined
    const shown = visible(path)
    let bytes: Uint8Array
    try {
      bytes = await read(path)
    } catch (error) {
      this.failure++
      return {ok: false, text: `${shown}: reload failed, keeping the previous ${this.mappingCount}: ${visible(describeError(error))}\n`}
    }
    const load = loadMappingConfig(bytes)
    if (load.config === undefined) {
      this.failure++
      return {ok: false, text: `${shown}: reload failed, keeping the previous ${this.mappingCount}:\n${stylish([lintLoaded(path, load)], {color: false})}`}
    }
    const {hits, misses} = this.current.mapper.cacheStats
    this.retired = {gets: this.retired.gets + hits + misses, hits: this.retired.hits + hits}
    this.current = this.build(load.config)
    this.success++
    return {ok: true, text: `${shown}: reloaded, ${this.mappingCount}\n`}
  }

  private get mappingCount(): string {
    const count = this.current.config.mappings.length
    return `${count} mapping${count === 1 ? '' : 's'}`
  }

  private build(config: MappingConfig): Loaded {
    const mapper = createMapper(config)
    return {config, mapper, translator: new SeriesTranslator(config, mapper, this.path ?? '')}
  }
}
