import {executeCheck, type CheckFlags} from '../catalog/check-run.js'
import {executeDiff, type DiffFlags} from '../catalog/diff-run.js'
import {checkFlags, diffFlags, docsFlags, importFlags} from '../catalog/flags.js'
import {executeImport, type ImportFlags} from '../catalog/import/run.js'
import {executeDocs, type DocsFlags} from '../catalog/render/run.js'
import type {FlagSpecs, ParsedFlags} from '../flags/spec.js'
import type {CommandIo} from './io.js'
import {runFast, type FastCommand} from './fast.js'

/** A command that exits 0 unless it throws (runFast renders what it throws). */
function command(flags: FlagSpecs, minArgs: number, maxArgs: number, execute: (args: readonly string[], flags: ParsedFlags, io: CommandIo) => Promise<void>): FastCommand {
  return {
    flags,
    minArgs,
    maxArgs,
    async execute(args, parsed, io) {
      await execute(args, parsed, io)
      return 0
    },
  }
}

/**
 * The catalog commands that run in CI on every push, on catalogues and docs of thousands
 * of metrics, without oclif, whose start-up costs them some 130 ms of CPU. `schema`,
 * and anything these decline (--help, a missing argument), go to oclif.
 */
const COMMANDS: Readonly<Record<string, FastCommand>> = {
  check: command(checkFlags, 0, 0, (_, flags, io) => executeCheck(flags as CheckFlags, io)),
  diff: command(diffFlags, 1, 2, ([before, after], flags, io) => executeDiff(before, after, flags as DiffFlags, io)),
  import: command(importFlags, 1, Number.POSITIVE_INFINITY, (docs, flags, io) => executeImport(docs, flags as ImportFlags, io)),
  docs: command(docsFlags, 0, 0, (_, flags, io) => executeDocs(flags as DocsFlags, io)),
}

export function run(argv: readonly string[]): Promise<number | false> {
  const [verb, ...rest] = argv
  return Object.hasOwn(COMMANDS, verb) ? runFast(rest, COMMANDS[verb]) : Promise.resolve(false)
}
