#!/usr/bin/env node
// Runs the TypeScript sources without a build step; needs a TypeScript loader such as tsx.
import {execute} from '@oclif/core'

await execute({development: true, dir: import.meta.url})
