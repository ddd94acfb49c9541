#!/usr/bin/env node
/**
 * Bundles the fast paths that bin/run.js takes without oclif (src/cli/fast-*.ts),
 * each into one CommonJS file: dist/cli/fast-<command>.cjs.
 *
 * A cron run's start-up is most of its time, so these choices are measured ones:
 * - ioredis and hot-shots are bundled in. Resolving and reading their ~80 files
 *   one by one cost about 110 ms (ioredis) and 40 ms (hot-shots), against 60 and
 *   14 ms bundled. Their code still runs only when a run first needs it.
 * - One CommonJS file per command, not ES module chunks: Node's ES module loader
 *   costs some 20 ms more to link the same code.
 * Every other dependency stays external: oclif, the SQL drivers and the S3 client
 * load only in the commands that need them, and unix-dgram is a native addon.
 */
import {readFileSync} from 'node:fs'
import {build} from 'esbuild'

const COMMANDS = ['send', 'queues', 'tables', 'lint']
const BUNDLED = new Set(['ioredis', 'hot-shots'])
const {dependencies} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

await Promise.all(
  COMMANDS.map(command =>
    build({
      entryPoints: [`src/cli/fast-${command}.ts`],
      outfile: `dist/cli/fast-${command}.cjs`,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: Object.keys(dependencies).filter(name => !BUNDLED.has(name)),
      // import.meta has no meaning in CommonJS: the sources use it only to resolve packages with createRequire.
      // The banner keeps "use strict" first, so that the bundle stays as strict as the ES modules it was built from.
      define: {'import.meta.url': '__fastPathUrl'},
      banner: {js: "'use strict'; const __fastPathUrl = require('node:url').pathToFileURL(__filename).href;"},
      logLevel: 'warning',
    }),
  ),
)
