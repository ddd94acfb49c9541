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
 * - Whitespace and comments are left out and the text is ASCII (non-ASCII in strings
 *   is escaped): a 345 KB one-byte source instead of 515 KB that one arrow in a
 *   comment made two-byte. Reading and compiling it costs some 7 ms less. Names are
 *   kept, so stack traces still name functions; the source map beside each bundle
 *   gives source lines with `node --enable-source-maps`.
 * - ioredis's Commander module gets one added statement (commanderInDictionaryMode).
 * Every other dependency stays external: oclif, the SQL drivers and the S3 client
 * load only in the commands that need them, and unix-dgram is a native addon.
 */
import {readFileSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {build} from 'esbuild'

const COMMANDS = ['send', 'queues', 'tables', 'lint', 'catalog']
const BUNDLED = new Set(['ioredis', 'hot-shots'])
/**
 * ioredis's Commander assigns its ~580 command methods to its prototype one at a time.
 * V8 keeps the prototype's properties in fast mode meanwhile and copies the whole
 * property list at each assignment: 31 ms and 4 MB (1,700 page faults) of a cron run,
 * before any work. Deleting a property that is not the last one switches the prototype
 * to dictionary mode, where each assignment costs constant time (5 ms for all); V8 makes
 * the prototype fast again, in one pass, when it is first used. Nothing else changes:
 * the two placeholder properties are gone before any method is added.
 */
const COMMANDER_FILE = /[\\/]ioredis[\\/]built[\\/]utils[\\/]Commander\.js$/
const COMMANDER_ANCHOR = 'const commands = commands_1.list.filter('
const DICTIONARY_MODE = [
  '// Added by metrics (scripts/build-fast-paths.mjs): the methods below are then added in constant time each.',
  'Commander.prototype.__dictionaryMode = Commander.prototype.__dictionaryModeEnd = undefined;',
  'delete Commander.prototype.__dictionaryMode;',
  'delete Commander.prototype.__dictionaryModeEnd;',
].join('\n')
const commanderInDictionaryMode = {
  name: 'ioredis-commander-dictionary-mode',
  setup(build) {
    build.onLoad({filter: COMMANDER_FILE}, async ({path}) => {
      const source = await readFile(path, 'utf8')
      // A new ioredis that no longer builds its commands this way needs this plugin revisited, not silently skipped.
      if (!source.includes(COMMANDER_ANCHOR)) return {errors: [{text: `${path} no longer contains "${COMMANDER_ANCHOR}": revisit commanderInDictionaryMode in scripts/build-fast-paths.mjs`}]}
      return {contents: source.replace(COMMANDER_ANCHOR, `${DICTIONARY_MODE}\n${COMMANDER_ANCHOR}`), loader: 'js'}
    })
  },
}
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
      plugins: [commanderInDictionaryMode],
      charset: 'ascii',
      minifyWhitespace: true,
      sourcemap: 'linked',
      logLevel: 'warning',
    }),
  ),
)
